import { describe, expect, it } from "vitest";
import { widgetApiPath, widgetStatePath } from "@/components/widget/widget-fetch";

describe("the widget's routes for the room client", () => {
  it("sends the token and history requests to the site's widget routes", () => {
    expect(widgetApiPath("abc", "/api/party/token?channel=c-1")).toBe(
      "/api/widget/abc/token?channel=c-1",
    );
    expect(widgetApiPath("abc", "/api/channels/c-1/messages?limit=50")).toBe(
      "/api/widget/abc/channels/c-1/messages?limit=50",
    );
  });

  it("leaves any other path alone", () => {
    expect(widgetApiPath("abc", "/api/other")).toBe("/api/other");
  });

  it("encodes the site key and the slug of the state poll", () => {
    expect(widgetStatePath("a/b", "c 1")).toBe("/api/widget/a%2Fb/state?channel=c%201");
  });
});

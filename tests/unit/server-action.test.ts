import { describe, expect, it } from "vitest";
import { actionResult } from "../support/server-action";

describe("actionResult", () => {
  it("follows the root's reference to the row holding the return value", () => {
    const stream = [
      '0:{"a":"$@1","f":"","b":"build-1","q":"","i":false}',
      '1:{"ok":true,"conversation":{"slug":"c-1","visitorId":7},"sessionToken":"t"}',
      "",
    ].join("\n");
    expect(actionResult(stream)).toEqual({
      ok: true,
      conversation: { slug: "c-1", visitorId: 7 },
      sessionToken: "t",
    });
  });

  it("takes a value the root holds itself", () => {
    expect(actionResult('0:{"a":null,"b":"x"}\n')).toBeNull();
  });

  it("refuses an answer that is no action result (an HTML error page, say)", () => {
    expect(() => actionResult("<!DOCTYPE html><html></html>")).toThrow();
  });
});

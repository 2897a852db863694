import { describe, expect, it } from "vitest";
import { frameAncestorsFor, widgetSiteKey } from "@/app/_lib/security-headers";
import {
  type ChallengeProvider,
  challengeProvider,
  noChallenge,
  passesChallenge,
  registerChallengeProvider,
} from "@/app/_lib/support/challenge";
import {
  checkWidgetOrigin,
  checkWidgetPageOrigin,
  parseAllowedOrigins,
  parseOrigin,
} from "@/app/_lib/support/origin";
import { allowedOrigins } from "@/app/_lib/support/site-schemas";
import { hostToWidget, toHost, widgetToHost } from "@/app/_lib/support/widget-messages";

describe("allowed origins", () => {
  it("accept scheme://host[:port], normalised as browsers send them", () => {
    expect(parseOrigin("https://shop.example")).toBe("https://shop.example");
    expect(parseOrigin(" HTTPS://Shop.Example:443 ")).toBe("https://shop.example");
    expect(parseOrigin("https://shop.example:8443")).toBe("https://shop.example:8443");
    expect(parseOrigin("http://localhost:5173")).toBe("http://localhost:5173");
    expect(parseOrigin("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
    expect(parseOrigin("https://xn--fsqu00a.example")).toBe("https://xn--fsqu00a.example");
  });

  it("refuse paths, wildcards, credentials, other schemes and plain http elsewhere", () => {
    for (const bad of [
      "https://shop.example/",
      "https://shop.example/path",
      "https://shop.example?x=1",
      "https://shop.example#x",
      "https://*.shop.example",
      "*",
      "https://user:pw@shop.example",
      "http://shop.example",
      "ftp://shop.example",
      "javascript:alert(1)",
      "shop.example",
      "//shop.example",
      "https://",
      "https://shop example",
      "",
    ]) {
      expect(parseOrigin(bad), bad).toBeNull();
    }
  });

  it("read the admin form one a line, and say which line is wrong", () => {
    expect(
      parseAllowedOrigins("https://a.example\n\nhttps://A.example\r\nhttp://localhost:3000"),
    ).toEqual({
      ok: true,
      origins: ["https://a.example", "http://localhost:3000"],
    });
    expect(parseAllowedOrigins("https://a.example\nhttps://b.example/shop")).toEqual({
      ok: false,
      bad: "https://b.example/shop",
    });
    expect(allowedOrigins.safeParse("  \n ").error?.issues[0]?.message).toBe(
      "sites.validation.originsRequired",
    );
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example`).join("\n");
    expect(allowedOrigins.safeParse(many).error?.issues[0]?.message).toBe(
      "sites.validation.originsTooMany",
    );
    expect(allowedOrigins.parse("HTTPS://A.example\nhttps://b.example")).toBe(
      "https://a.example\nhttps://b.example",
    );
  });
});

const site = { allowedOrigins: "https://shop.example\nhttp://localhost:4000", archivedAt: null };
const request = (origin?: string) =>
  new Request("https://chat.example/api/widget/x", {
    headers: origin ? { origin } : {},
  });

describe("checkWidgetOrigin", () => {
  it("passes a listed Origin and refuses the rest", () => {
    expect(checkWidgetOrigin(site, request("https://shop.example"))).toEqual({
      ok: true,
      origin: "https://shop.example",
    });
    expect(checkWidgetOrigin(site, request("https://evil.example"))).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(checkWidgetOrigin(site, request())).toEqual({ ok: false, reason: "no_origin" });
    expect(checkWidgetOrigin(site, request("null"))).toEqual({ ok: false, reason: "no_origin" });
    expect(checkWidgetOrigin(null, request("https://shop.example"))).toEqual({
      ok: false,
      reason: "no_site",
    });
    expect(
      checkWidgetOrigin({ ...site, archivedAt: new Date() }, request("https://shop.example")),
    ).toEqual({ ok: false, reason: "no_site" });
  });

  it("for the chat page's own requests, wants same-origin and a listed embedder", () => {
    const self = "http://127.0.0.1:3000";
    const fromFrame = (headers: Record<string, string>) =>
      checkWidgetOrigin(site, new Request(`${self}/api/widget/x`, { headers }), self);
    expect(
      fromFrame({
        origin: self,
        "sec-fetch-site": "same-origin",
        "x-chat-embedder": "https://shop.example",
      }),
    ).toEqual({ ok: true, origin: "https://shop.example" });
    expect(
      fromFrame({
        origin: self,
        "sec-fetch-site": "same-origin",
        "x-chat-embedder": "https://evil.example",
      }),
    ).toEqual({ ok: false, reason: "not_allowed" });
    // Chromium sends no Origin on a same-origin GET: Sec-Fetch-Site alone marks it ours.
    expect(
      fromFrame({ "sec-fetch-site": "same-origin", "x-chat-embedder": "https://shop.example" }),
    ).toEqual({ ok: true, origin: "https://shop.example" });
    expect(
      fromFrame({ "sec-fetch-site": "cross-site", "x-chat-embedder": "https://shop.example" }),
    ).toEqual({ ok: false, reason: "no_origin" });
    expect(fromFrame({ origin: self, "sec-fetch-site": "same-origin" })).toEqual({
      ok: false,
      reason: "no_origin",
    });
    expect(
      fromFrame({
        origin: self,
        "sec-fetch-site": "cross-site",
        "x-chat-embedder": "https://shop.example",
      }),
    ).toEqual({ ok: false, reason: "not_allowed" });
    // Without `self`, our own origin is just another origin, not in the site's list.
    expect(
      checkWidgetOrigin(
        site,
        new Request(`${self}/api/widget/x`, {
          headers: { origin: self, "x-chat-embedder": "https://shop.example" },
        }),
      ),
    ).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("for the iframe page, reads the origin query and lets no Referer contradict it", () => {
    const page = (origin: string | null, referer: string | null) =>
      checkWidgetPageOrigin(site, { origin, referer, self: "https://chat.example" });
    expect(page("https://shop.example", "https://shop.example/").ok).toBe(true);
    expect(page("https://shop.example", null).ok).toBe(true);
    expect(page("https://shop.example", "https://chat.example/widget/k").ok).toBe(true);
    expect(page("https://shop.example", "https://evil.example/").ok).toBe(false);
    expect(page("https://evil.example", "https://evil.example/").ok).toBe(false);
    expect(page(null, "https://shop.example/").ok).toBe(false);
  });
});

describe("widget framing", () => {
  it("lets only a widget page be framed, by the origins looked up for it", () => {
    expect(widgetSiteKey("/widget/0123456789abcdef01234567")).toBe("0123456789abcdef01234567");
    expect(widgetSiteKey("/widget/abc/extra")).toBe("abc");
    expect(widgetSiteKey("/widget.js")).toBeNull();
    expect(widgetSiteKey("/widget/")).toBeNull();
    expect(widgetSiteKey("/c/widget")).toBeNull();
    expect(frameAncestorsFor("/widget/abc", ["https://shop.example"])).toEqual([
      "https://shop.example",
    ]);
    expect(frameAncestorsFor("/admin/sites", ["https://shop.example"])).toEqual([]);
    expect(frameAncestorsFor("/widget/abc")).toEqual([]);
  });
});

describe("the widget's postMessage contract", () => {
  it("parses what each side sends and drops anything else", () => {
    const identify = { source: "chat-widget", v: 1, type: "identify", token: "a.b.c" };
    expect(hostToWidget.parse(identify)).toEqual(identify);
    expect(hostToWidget.safeParse({ ...identify, v: 2 }).success).toBe(false);
    expect(hostToWidget.safeParse({ ...identify, token: "" }).success).toBe(false);
    expect(hostToWidget.safeParse({ type: "reset" }).success).toBe(false);
    expect(toHost({ type: "unread", count: 3 })).toEqual({
      source: "chat-widget",
      v: 1,
      type: "unread",
      count: 3,
    });
    expect(
      widgetToHost.safeParse({ source: "chat-widget", v: 1, type: "ready", accent: "red" }).success,
    ).toBe(false);
  });
});

describe("the challenge hook", () => {
  it("is off by default: 'none' lets everyone through", async () => {
    expect(challengeProvider(undefined)).toBe(noChallenge);
    expect(challengeProvider("")).toBe(noChallenge);
    expect(challengeProvider("none")).toBe(noChallenge);
    expect(await passesChallenge(null, "203.0.113.9", challengeProvider("none"))).toBe(true);
  });

  it("consults a configured provider, and fails closed", async () => {
    const asked: [string, string][] = [];
    const fake: ChallengeProvider = {
      name: "fake-test",
      verify: async (token, address) => {
        asked.push([token, address]);
        return token === "human";
      },
    };
    registerChallengeProvider(fake);
    const provider = challengeProvider("fake-test");
    expect(provider).toBe(fake);
    expect(await passesChallenge("human", "203.0.113.9", provider)).toBe(true);
    expect(await passesChallenge("bot", "203.0.113.9", provider)).toBe(false);
    expect(await passesChallenge(null, "203.0.113.9", provider)).toBe(false);
    expect(asked).toEqual([
      ["human", "203.0.113.9"],
      ["bot", "203.0.113.9"],
    ]);
    const broken: ChallengeProvider = {
      name: "broken-test",
      verify: async () => {
        throw new Error("provider down");
      },
    };
    expect(await passesChallenge("human", "203.0.113.9", broken)).toBe(false);
    expect(() => challengeProvider("tunrstile")).toThrow(/no such challenge provider/);
  });
});

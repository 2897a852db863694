import PartySocket from "partysocket";
import { afterEach, describe, expect, it } from "vitest";
import {
  AVATAR_HOSTS,
  commonSecurityHeaders,
  contentSecurityPolicy,
  frameAncestorsFor,
  newNonce,
  roomSocketOrigin,
  STRICT_TRANSPORT_SECURITY,
} from "@/app/_lib/security-headers";

/** The policy as directive name → sources, so tests read one directive at a time. */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `${name} appears once`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

const base = { nonce: "bm9uY2U=", dev: false, roomHost: "127.0.0.1:1999" };

describe("contentSecurityPolicy", () => {
  it("lets only this response's nonce run scripts in production", () => {
    const csp = parse(contentSecurityPolicy(base));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(parse(contentSecurityPolicy({ ...base, dev: true })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("locks down plugins, base URLs, form targets and framing", () => {
    const csp = parse(contentSecurityPolicy(base));
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows inline styles without a nonce (a nonce would switch 'unsafe-inline' off)", () => {
    const styles = parse(contentSecurityPolicy(base)).get("style-src") ?? [];
    expect(styles).toEqual(["'self'", "'unsafe-inline'"]);
    expect(styles.some((s) => s.startsWith("'nonce-"))).toBe(false);
  });

  it("allows images from us, data: URLs and GitHub avatars", () => {
    expect(parse(contentSecurityPolicy(base)).get("img-src")).toEqual([
      "'self'",
      "data:",
      ...AVATAR_HOSTS,
    ]);
  });

  it("connects to the app and to the room with the scheme the page's socket uses", () => {
    expect(parse(contentSecurityPolicy(base)).get("connect-src")).toEqual([
      "'self'",
      "ws://127.0.0.1:1999",
    ]);
    const prod = { ...base, roomHost: "chat-room.acct.workers.dev" };
    expect(parse(contentSecurityPolicy(prod)).get("connect-src")).toEqual([
      "'self'",
      "wss://chat-room.acct.workers.dev",
    ]);
    expect(
      parse(contentSecurityPolicy({ ...base, roomHost: undefined })).get("connect-src"),
    ).toEqual(["'self'"]);
  });

  it("lets a route name the origins that may frame it", () => {
    const csp = contentSecurityPolicy({ ...base, frameAncestors: ["https://shop.example"] });
    expect(parse(csp).get("frame-ancestors")).toEqual(["https://shop.example"]);
    expect(frameAncestorsFor("/c/general")).toEqual([]);
  });

  it("has no line breaks or stray separators a header value cannot carry", () => {
    const csp = contentSecurityPolicy({ ...base, dev: true });
    expect(csp).not.toMatch(/[\r\n]|;;|\s{2}/);
  });
});

describe("roomSocketOrigin", () => {
  afterEach(() => {
    Captured.urls.length = 0;
  });

  it("strips a scheme or trailing slash someone wrote into ROOM_HOST", () => {
    expect(roomSocketOrigin("https://chat-room.acct.workers.dev/")).toBe(
      "wss://chat-room.acct.workers.dev",
    );
    expect(roomSocketOrigin("ws://127.0.0.1:1999")).toBe("ws://127.0.0.1:1999");
  });

  // The policy must name the socket partysocket really opens; asking partysocket keeps the two
  // from drifting apart when the library changes its rule.
  it.each([
    "127.0.0.1:1999",
    "localhost:8787",
    "192.168.1.20:1999",
    "10.0.0.5:1999",
    "172.20.0.2:1999",
    "172.40.0.2:1999",
    "chat-room.acct.workers.dev",
    "localhost",
  ])("matches partysocket's choice for %s", async (host) => {
    const socket = new PartySocket({ host, room: "general", WebSocket: Captured });
    await expect.poll(() => Captured.urls.length).toBe(1);
    socket.close();
    expect(new URL(Captured.urls[0] ?? "").origin).toBe(new URL(roomSocketOrigin(host)).origin);
  });
});

describe("newNonce", () => {
  it("is 128 bits of base64 and new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("commonSecurityHeaders", () => {
  it("sends the fixed headers and never HSTS (next.config adds it on https in production)", () => {
    const headers = Object.fromEntries(commonSecurityHeaders().map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(headers["Permissions-Policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
    expect(STRICT_TRANSPORT_SECURITY.value).toBe("max-age=63072000; includeSubDomains");
  });
});

/** A WebSocket stand-in that only records the URL partysocket built. */
class Captured extends EventTarget {
  static readonly urls: string[] = [];
  readyState = 0;
  binaryType = "blob";
  constructor(readonly url: string) {
    super();
    Captured.urls.push(url);
  }
  close(): void {
    this.readyState = 3;
  }
  send(): void {}
}

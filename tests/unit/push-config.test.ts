import { describe, expect, it, vi } from "vitest";
import webPush from "web-push";
import { vapidConfig } from "@/app/_lib/push/config";
import { isSameOrigin } from "@/app/_lib/same-origin";

describe("vapidConfig", () => {
  const keys = webPush.generateVAPIDKeys();
  const env = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };

  it("is off (null) with no keys, and says nothing", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(vapidConfig({})).toBeNull();
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it("takes a key pair, with the site's https address as the default subject", () => {
    expect(vapidConfig({ ...env, NEXTAUTH_URL: "https://chat.example.com/x" })).toEqual({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      subject: "https://chat.example.com",
    });
    expect(vapidConfig({ ...env, VAPID_SUBJECT: "mailto:ops@example.com" })?.subject).toBe(
      "mailto:ops@example.com",
    );
    expect(vapidConfig({ ...env, NEXTAUTH_URL: "http://localhost:3000" })?.subject).toMatch(
      /^mailto:/,
    );
  });

  it("turns push off, logging why, for half a pair or a malformed key or subject", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(vapidConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toBeNull();
    expect(vapidConfig({ ...env, VAPID_PRIVATE_KEY: "short" })).toBeNull();
    expect(vapidConfig({ ...env, VAPID_SUBJECT: "http://example.com" })).toBeNull();
    expect(String(log.mock.calls.flat().join(" "))).toMatch(/VAPID_PRIVATE_KEY/);
    log.mockRestore();
  });
});

describe("isSameOrigin", () => {
  const request = (headers: Record<string, string>) =>
    new Request("http://127.0.0.1:3000/api/push/subscription", { method: "POST", headers });

  it("accepts our own pages and refuses others", () => {
    expect(
      isSameOrigin(request({ host: "chat.example.com", origin: "https://chat.example.com" })),
    ).toBe(true);
    expect(
      isSameOrigin(request({ host: "chat.example.com", origin: "https://evil.example" })),
    ).toBe(false);
    expect(isSameOrigin(request({ host: "chat.example.com", origin: "null" }))).toBe(false);
    expect(isSameOrigin(request({ host: "chat.example.com" }))).toBe(false);
    expect(
      isSameOrigin(request({ host: "chat.example.com", "sec-fetch-site": "same-origin" })),
    ).toBe(true);
    expect(
      isSameOrigin(request({ host: "chat.example.com", "sec-fetch-site": "cross-site" })),
    ).toBe(false);
  });
});

import type { APIResponse } from "@playwright/test";
import { expect, test } from "../e2e/fixtures";
import { nonceOf, parsePolicy, partyHost } from "./headers-fixtures";

/** The headers every response carries, whatever it holds. */
function expectFixedHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"])
    expect(headers["permissions-policy"], what).toContain(feature);
  // The test stack is plain http: HSTS there would be ignored, and is not sent.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** A page's policy: the production one, nonce first. */
function expectPagePolicy(response: APIResponse, what: string) {
  const policy = response.headers()["content-security-policy"];
  expect(policy, what).toBeTruthy();
  const csp = parsePolicy(policy as string);
  expect(csp.get("script-src"), what).toEqual([
    "'self'",
    `'nonce-${nonceOf(policy as string)}'`,
    "'strict-dynamic'",
  ]);
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  expect(csp.get("connect-src"), what).toEqual(["'self'", `ws://${partyHost()}`]);
  expect(csp.get("img-src"), what).toEqual([
    "'self'",
    "data:",
    "https://avatars.githubusercontent.com",
  ]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'self'"]);
  expect(csp.get("form-action"), what).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
}

test.describe("security headers on every kind of response", () => {
  test("pages, a 403, JSON and a static script each carry theirs", async ({
    request: anonymous,
    users,
    chatChannel: channel,
  }) => {
    const signin = await anonymous.get("/signin");
    expect(signin.status()).toBe(200);
    expectFixedHeaders(signin, "/signin");
    expectPagePolicy(signin, "/signin");
    const signup = await anonymous.get("/signup");
    expectFixedHeaders(signup, "/signup");
    expectPagePolicy(signup, "/signup");

    // The sign-in redirect in proxy.ts still runs before the page.
    const home = await anonymous.get("/", { maxRedirects: 0 });
    expect(home.status()).toBe(307);
    expect(home.headers().location).toMatch(/\/signin\?callbackUrl=%2F$/);
    expectFixedHeaders(home, "redirect to /signin");

    const script = /<script[^>]*\ssrc="(\/_next\/static\/[^"]+\.js)"/.exec(await signin.text());
    expect(script?.[1], "the sign-in page loads a script").toBeTruthy();
    const asset = await anonymous.get(script?.[1] as string);
    expect(asset.status()).toBe(200);
    expect(asset.headers()["content-type"]).toMatch(/javascript/);
    expectFixedHeaders(asset, "a static script");

    const member = (await users.signedIn()).context.request;
    for (const path of ["/", `/c/${channel.slug}`]) {
      const page = await member.get(path, { maxRedirects: 0 });
      expect(page.status(), path).toBe(200);
      expectFixedHeaders(page, path);
      expectPagePolicy(page, path);
    }
    const admin = await member.get("/admin", { maxRedirects: 0 });
    expect(admin.status()).toBe(403);
    expectFixedHeaders(admin, "/admin as a member");
    expectPagePolicy(admin, "/admin as a member");

    const json = await member.get(`/api/channels/${channel.slug}/messages`);
    expect(json.status()).toBe(200);
    expect(json.headers()["content-type"]).toMatch(/application\/json/);
    expectFixedHeaders(json, "an API route");
  });

  test("HSTS only when the request came over https", async ({ request }) => {
    // Behind Vercel (or any TLS proxy) the app sees https in x-forwarded-proto.
    for (const path of ["/signin", "/api/party/token"]) {
      const https = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
      expect(https.headers()["strict-transport-security"], path).toBe(
        "max-age=63072000; includeSubDomains",
      );
      const http = await request.get(path);
      expect(http.headers()["strict-transport-security"], path).toBeUndefined();
    }
  });

  test("the nonce is new on every response and is the one on every script of the page", async ({
    request,
  }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await request.get("/signin");
      const nonce = nonceOf(response.headers()["content-security-policy"] as string);
      expect(Buffer.from(nonce, "base64").length).toBeGreaterThanOrEqual(16);
      nonces.add(nonce);
      const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag).toContain(` nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(5);
  });
});

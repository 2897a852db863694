import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { verifyVisitorToken } from "@/app/_lib/support/identity";

const secret = "site-secret-0123456789abcdefghijklmnopqrstu";
const key = new TextEncoder().encode(secret);
const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const nowS = now / 1000;

function sign(
  claims: Record<string, unknown>,
  options: { iat?: number | null; exp?: number | null; signWith?: Uint8Array } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" });
  if (options.iat !== null) jwt.setIssuedAt(options.iat ?? nowS);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? nowS + 300);
  return jwt.sign(options.signWith ?? key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("visitor identity tokens", () => {
  it("accept a valid token and return who it names", async () => {
    const token = await sign({ sub: "customer-42", name: "Ada", email: "ada@shop.example" });
    expect(await verifyVisitorToken(token, secret, now)).toEqual({
      ok: true,
      sub: "customer-42",
      name: "Ada",
      email: "ada@shop.example",
    });
    const bare = await sign({ sub: "7" });
    expect(await verifyVisitorToken(bare, secret, now)).toEqual({
      ok: true,
      sub: "7",
      name: null,
      email: null,
    });
  });

  it("refuse a forged signature (another key, or an edited payload)", async () => {
    const forged = await sign({ sub: "admin" }, { signWith: new TextEncoder().encode("guess") });
    expect(await verifyVisitorToken(forged, secret, now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const genuine = await sign({ sub: "customer-42" });
    const [header, , signature] = genuine.split(".");
    const edited = [header, b64({ sub: "customer-1", iat: nowS, exp: nowS + 300 }), signature];
    expect(await verifyVisitorToken(edited.join("."), secret, now)).toMatchObject({ ok: false });
  });

  it("refuse alg none and public-key algorithms", async () => {
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "x", iat: nowS, exp: nowS + 60 })}.`;
    expect(await verifyVisitorToken(none, secret, now)).toEqual({ ok: false, reason: "wrong_alg" });
    const { privateKey } = await generateKeyPair("RS256");
    const rs = await new SignJWT({ sub: "x" })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + 60)
      .sign(privateKey);
    expect(await verifyVisitorToken(rs, secret, now)).toEqual({ ok: false, reason: "wrong_alg" });
    // HS256 in the header but signed as HS512: still no.
    const hs512 = await new SignJWT({ sub: "x" })
      .setProtectedHeader({ alg: "HS512" })
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + 60)
      .sign(key);
    expect(await verifyVisitorToken(hs512, secret, now)).toEqual({
      ok: false,
      reason: "wrong_alg",
    });
  });

  it("refuse an expired token, allowing 30 s of clock skew", async () => {
    const token = await sign({ sub: "x" }, { iat: nowS - 400, exp: nowS - 31 });
    expect(await verifyVisitorToken(token, secret, now)).toEqual({ ok: false, reason: "expired" });
    const justNow = await sign({ sub: "x" }, { iat: nowS - 400, exp: nowS - 20 });
    expect((await verifyVisitorToken(justNow, secret, now)).ok).toBe(true);
  });

  it("refuse a token that lives longer than 10 minutes, or has no exp", async () => {
    const long = await sign({ sub: "x" }, { exp: nowS + 601 });
    expect(await verifyVisitorToken(long, secret, now)).toEqual({
      ok: false,
      reason: "too_long_lived",
    });
    const tenMinutes = await sign({ sub: "x" }, { exp: nowS + 600 });
    expect((await verifyVisitorToken(tenMinutes, secret, now)).ok).toBe(true);
    const noIatLong = await sign({ sub: "x" }, { iat: null, exp: nowS + 3600 });
    expect(await verifyVisitorToken(noIatLong, secret, now)).toEqual({
      ok: false,
      reason: "too_long_lived",
    });
    const noExp = await sign({ sub: "x" }, { exp: null });
    expect(await verifyVisitorToken(noExp, secret, now)).toEqual({ ok: false, reason: "no_exp" });
  });

  it("refuse a token issued in the future", async () => {
    const future = await sign({ sub: "x" }, { iat: nowS + 120, exp: nowS + 300 });
    expect(await verifyVisitorToken(future, secret, now)).toMatchObject({ ok: false });
  });

  it("refuse a missing or oversized sub and malformed claims", async () => {
    expect(await verifyVisitorToken(await sign({}), secret, now)).toEqual({
      ok: false,
      reason: "no_sub",
    });
    expect(await verifyVisitorToken(await sign({ sub: "x".repeat(192) }), secret, now)).toEqual({
      ok: false,
      reason: "bad_claims",
    });
    expect(
      await verifyVisitorToken(await sign({ sub: "x", email: "not an email" }), secret, now),
    ).toEqual({ ok: false, reason: "bad_claims" });
    expect(
      await verifyVisitorToken(await sign({ sub: "x", name: "n".repeat(81) }), secret, now),
    ).toEqual({ ok: false, reason: "bad_claims" });
    for (const junk of ["", "abc", "a.b.c", "x".repeat(5000)]) {
      expect(await verifyVisitorToken(junk, secret, now)).toMatchObject({ ok: false });
    }
  });
});

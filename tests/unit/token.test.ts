import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { roomKeys } from "@/party/keys";
import { ROOM_TOKEN_TTL_SECONDS, signRoomToken, verifyRoomToken } from "@/party/token";
import { roomUser } from "./fixtures";

const SECRET = "s".repeat(32);
const OTHER_SECRET = "o".repeat(40);
const user = roomUser({
  id: 42,
  name: "Grace",
  image: "https://example.test/g.png",
  role: "moderator",
});

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("room tokens", () => {
  it("round-trips the user and channel", async () => {
    const token = await signRoomToken({ user, channel: "general", secret: SECRET, now: 1_000_000 });
    const result = await verifyRoomToken({
      token,
      channel: "general",
      secret: SECRET,
      now: 1_000_000,
    });
    expect(result).toEqual({
      ok: true,
      channel: "general",
      expiresAt: 1_000_000 + ROOM_TOKEN_TTL_SECONDS * 1000,
      issuedAt: 1_000_000,
      user,
    });
  });

  it("is not signed with PARTY_SECRET itself, nor with the bearer derived from it", async () => {
    const claims = { name: "Grace", image: null, role: "member", channel: "general" };
    const forge = (key: Uint8Array) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("42")
        .setIssuer("chat-site")
        .setAudience("room")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key);
    const { bearer, tokenKey } = await roomKeys(SECRET);
    const verify = (token: string) =>
      verifyRoomToken({ token, channel: "general", secret: SECRET });
    expect(await verify(await forge(new TextEncoder().encode(SECRET)))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verify(await forge(new TextEncoder().encode(bearer)))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await verify(await forge(tokenKey))).ok).toBe(true);
  });

  it("refuses a token without iat: the room could not tell it from one issued before a kick", async () => {
    const { tokenKey } = await roomKeys(SECRET);
    const token = await new SignJWT({ name: "G", image: null, role: "member", channel: "general" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("42")
      .setIssuer("chat-site")
      .setAudience("room")
      .setExpirationTime("5m")
      .sign(tokenKey);
    expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("round-trips a user without an image, using the real clock by default", async () => {
    const plain = roomUser({ id: 7, image: null, role: "member" });
    const token = await signRoomToken({ user: plain, channel: "random", secret: SECRET });
    const result = await verifyRoomToken({ token, channel: "random", secret: SECRET });
    expect(result.ok && result.user).toEqual(plain);
  });

  it("is valid until its ttl, expired from then on", async () => {
    const token = await signRoomToken({
      user,
      channel: "general",
      secret: SECRET,
      ttlSeconds: 60,
      now: 0,
    });
    const at = (now: number) => verifyRoomToken({ token, channel: "general", secret: SECRET, now });
    expect((await at(59_000)).ok).toBe(true);
    expect(await at(61_000)).toEqual({ ok: false, reason: "expired" });
    expect(await at(10 * 60_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("says expired even when the channel is also wrong", async () => {
    const token = await signRoomToken({
      user,
      channel: "general",
      secret: SECRET,
      ttlSeconds: 60,
      now: 0,
    });
    expect(await verifyRoomToken({ token, channel: "other", secret: SECRET, now: 61_000 })).toEqual(
      {
        ok: false,
        reason: "expired",
      },
    );
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signRoomToken({ user, channel: "general", secret: OTHER_SECRET });
    expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const token = await signRoomToken({ user, channel: "general", secret: SECRET });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const tampered = [header, base64url({ ...claims, role: "admin", sub: "1" }), signature].join(
      ".",
    );
    expect(await verifyRoomToken({ token: tampered, channel: "general", secret: SECRET })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses a token moved to another channel by editing its payload", async () => {
    const token = await signRoomToken({ user, channel: "general", secret: SECRET });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const moved = [header, base64url({ ...claims, channel: "secret" }), signature].join(".");
    expect(await verifyRoomToken({ token: moved, channel: "secret", secret: SECRET })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses an unsigned alg:none token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: "42",
      name: "Grace",
      image: null,
      role: "admin",
      channel: "general",
      iss: "chat-site",
      aud: "room",
      iat: now,
      exp: now + 60,
    };
    for (const token of [
      `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`,
      `${base64url({ alg: "none" })}.${base64url(claims)}`,
      `${base64url({ alg: "HS256" })}.${base64url(claims)}.`,
    ]) {
      expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
  });

  it.each([
    ["garbage", "not-a-token"],
    ["three empty parts", ".."],
    ["bad base64", "!!!.???.***"],
    ["a very long string", "a".repeat(100_000)],
  ])("refuses %s without throwing", async (_name, token) => {
    expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses a token with a different algorithm even if the signature matches", async () => {
    const token = await new SignJWT({ name: "G", image: null, role: "member", channel: "general" })
      .setProtectedHeader({ alg: "HS512" })
      .setSubject("42")
      .setIssuer("chat-site")
      .setAudience("room")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses a correctly signed token with the wrong issuer, audience or claims", async () => {
    const key = new TextEncoder().encode(SECRET);
    const build = (claims: Record<string, unknown>, iss: string, aud: string, sub: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(sub)
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key);
    const good = { name: "G", image: null, role: "member", channel: "general" };
    const tokens = await Promise.all([
      build(good, "someone-else", "room", "42"),
      build(good, "chat-site", "app", "42"),
      build(good, "chat-site", "room", "not-a-number"),
      build({ ...good, role: "owner" }, "chat-site", "room", "42"),
      build({ name: "G", role: "member", channel: "general" }, "chat-site", "room", "42"),
    ]);
    for (const token of tokens) {
      expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
  });

  it("says wrong_channel for a good token presented to another channel", async () => {
    const token = await signRoomToken({ user, channel: "general", secret: SECRET });
    expect(await verifyRoomToken({ token, channel: "random", secret: SECRET })).toEqual({
      ok: false,
      reason: "wrong_channel",
    });
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["empty", ""],
  ])("says missing for a %s token", async (_name, token) => {
    expect(await verifyRoomToken({ token, channel: "general", secret: SECRET })).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("refuses to sign with a secret shorter than 32 characters", async () => {
    await expect(
      signRoomToken({ user, channel: "general", secret: "s".repeat(31) }),
    ).rejects.toThrow(/at least 32/);
  });

  it("does not throw when verifying with a short secret", async () => {
    const token = await signRoomToken({ user, channel: "general", secret: SECRET });
    expect(await verifyRoomToken({ token, channel: "general", secret: "short" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/party/messages/route";
import { listMessages } from "@/db/queries/messages";
import { base64url, bearerHeader, roomKeys } from "@/party/keys";
import { MAX_BODY_CHARS, type StoreResult, storeResponseSchema } from "@/party/protocol";
import { makeChannel, makeUser, newClientId, restrictUser } from "../support/factories";

const secret = () => process.env.PARTY_SECRET as string;

async function call(body: unknown, auth?: string | null, raw?: string) {
  if (auth === undefined) auth = await bearerHeader(secret());
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth !== null) headers.authorization = auth;
  return POST(
    new Request("http://test.local/api/party/messages", {
      method: "POST",
      headers,
      body: raw ?? JSON.stringify(body),
    }),
  );
}

async function store(
  channel: string,
  messages: { authorId: number; clientId: string; body: string }[],
) {
  const response = await call({ channel, messages });
  expect(response.status).toBe(200);
  return storeResponseSchema.parse(await response.json()).results;
}

const reasons = (results: StoreResult[]) => results.map((r) => (r.ok ? "ok" : r.reason));

describe("POST /api/party/messages", () => {
  it("answers a generic 500 when PARTY_SECRET is missing, naming it only in the log", async () => {
    const saved = process.env.PARTY_SECRET;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      delete process.env.PARTY_SECRET;
      const response = await call({ channel: "general", messages: [] }, "Bearer whatever");
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: "Internal server error" });
      expect(text).not.toMatch(/PARTY_SECRET|misconfigured|env/i);
      expect(String(log.mock.calls.flat().join(" "))).toMatch(/PARTY_SECRET/);
    } finally {
      process.env.PARTY_SECRET = saved;
      log.mockRestore();
    }
  });

  it("refuses a call without the secret, or with a wrong one", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const body = {
      channel: channel.slug,
      messages: [{ authorId: user.id, clientId: newClientId(), body: "hi" }],
    };
    expect((await call(body, null)).status).toBe(401);
    expect((await call(body, "Bearer not-the-secret")).status).toBe(401);
    expect((await call(body, `${await bearerHeader(secret())}x`)).status).toBe(401);
    expect((await call(body, secret())).status).toBe(401);
    // PARTY_SECRET itself is no longer the password, and the token-signing key never is.
    expect((await call(body, `Bearer ${secret()}`)).status).toBe(401);
    const { tokenKey } = await roomKeys(secret());
    expect((await call(body, `Bearer ${base64url(tokenKey)}`)).status).toBe(401);
    expect((await listMessages({ channelId: channel.id, limit: 10 })).messages).toHaveLength(0);
  });

  it("answers malformed JSON with 400, a wrong shape with 422 and an oversize body with 413", async () => {
    expect((await call(null, undefined, "{not json")).status).toBe(400);
    const wrong = await call({ channel: "general", messages: [{ authorId: "1", body: 5 }] });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ error: "Invalid store request" });
    expect((await call({ channel: "general", messages: [] })).status).toBe(422);
    const huge = JSON.stringify({
      channel: "general",
      messages: [],
      pad: "x".repeat(3 * 1024 * 1024),
    });
    expect((await call(null, undefined, huge)).status).toBe(413);
  });

  it("stores a batch and answers in request order; a retry returns the same rows", async () => {
    const [channel, alice, bob] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const batch = [
      { authorId: alice.id, clientId: newClientId(), body: "first" },
      { authorId: bob.id, clientId: newClientId(), body: "second" },
    ];
    const results = await store(channel.slug, batch);
    expect(reasons(results)).toEqual(["ok", "ok"]);
    expect(results.map((r) => r.clientId)).toEqual(batch.map((m) => m.clientId));
    const again = await store(channel.slug, batch);
    expect(again).toEqual(results);
    const page = await listMessages({ channelId: channel.id, limit: 10 });
    expect(page.messages.map((m) => m.body)).toEqual(["first", "second"]);
  });

  it("re-checks each author and body: banned, muted, read-only, blank, too long", async () => {
    const [channel, readOnly, ok, banned, muted, mod] = await Promise.all([
      makeChannel(),
      makeChannel({ readOnly: true }),
      makeUser(),
      makeUser(),
      makeUser(),
      makeUser({ role: "moderator" }),
    ]);
    const future = new Date(Date.now() + 60 * 60 * 1000);
    await restrictUser(banned.id, "ban", future);
    await restrictUser(muted.id, "mute", future);
    const results = await store(channel.slug, [
      { authorId: ok.id, clientId: newClientId(), body: "fine" },
      { authorId: banned.id, clientId: newClientId(), body: "spam" },
      { authorId: muted.id, clientId: newClientId(), body: "shh" },
      { authorId: ok.id, clientId: newClientId(), body: "   \n " },
      { authorId: ok.id, clientId: newClientId(), body: "x".repeat(MAX_BODY_CHARS + 1) },
      { authorId: 999_999_999, clientId: newClientId(), body: "ghost" },
    ]);
    expect(reasons(results)).toEqual(["ok", "banned", "muted", "empty", "too_long", "invalid"]);
    const ro = await store(readOnly.slug, [
      { authorId: ok.id, clientId: newClientId(), body: "member" },
      { authorId: mod.id, clientId: newClientId(), body: "moderator" },
    ]);
    expect(reasons(ro)).toEqual(["read_only", "ok"]);
  });

  it("lets an expired ban or mute lapse by itself", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    await restrictUser(user.id, "mute", new Date(Date.now() - 1000));
    const results = await store(channel.slug, [
      { authorId: user.id, clientId: newClientId(), body: "back" },
    ]);
    expect(reasons(results)).toEqual(["ok"]);
  });

  it("rejects an unknown channel, and a clientId the author already used elsewhere", async () => {
    const [one, two, user] = await Promise.all([makeChannel(), makeChannel(), makeUser()]);
    const clientId = newClientId();
    expect(
      reasons(await store("no-such-channel", [{ authorId: user.id, clientId, body: "x" }])),
    ).toEqual(["invalid"]);
    expect(reasons(await store(one.slug, [{ authorId: user.id, clientId, body: "x" }]))).toEqual([
      "ok",
    ]);
    expect(reasons(await store(two.slug, [{ authorId: user.id, clientId, body: "x" }]))).toEqual([
      "invalid",
    ]);
    expect((await listMessages({ channelId: two.id, limit: 10 })).messages).toHaveLength(0);
  });

  describe("while the database is down", () => {
    const realUrl = process.env.DATABASE_URL;
    afterEach(() => {
      process.env.DATABASE_URL = realUrl;
    });

    it("answers 503 so the room retries, and works again when it returns", async () => {
      const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
      const message = { authorId: user.id, clientId: newClientId(), body: "during outage" };
      // Port 9 (discard) has no MySQL: every connection is refused, as when the server is down.
      process.env.DATABASE_URL = "mysql://root@127.0.0.1:9/chat";
      const down = await call({ channel: channel.slug, messages: [message] });
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ error: "The database is unavailable" });
      process.env.DATABASE_URL = realUrl;
      expect(reasons(await store(channel.slug, [message]))).toEqual(["ok"]);
    });
  });
});

describe("slow mode", () => {
  it("lets a member post once per interval, moderators freely, and says until when", async () => {
    const { getDb } = await import("@/db");
    const { channels } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const [channel, member, mod] = await Promise.all([
      makeChannel(),
      makeUser(),
      makeUser({ role: "moderator" }),
    ]);
    await getDb().update(channels).set({ slowModeSeconds: 60 }).where(eq(channels.id, channel.id));
    const first = { authorId: member.id, clientId: newClientId(), body: "one" };
    const results = await store(channel.slug, [
      first,
      { authorId: member.id, clientId: newClientId(), body: "two" },
      { authorId: mod.id, clientId: newClientId(), body: "mod one" },
      { authorId: mod.id, clientId: newClientId(), body: "mod two" },
    ]);
    expect(reasons(results)).toEqual(["ok", "rate_limited", "ok", "ok"]);
    const limited = results[1];
    if (limited && !limited.ok)
      expect(Date.parse(limited.until ?? "")).toBeGreaterThan(Date.now() + 50_000);
    const later = await store(channel.slug, [
      { authorId: member.id, clientId: newClientId(), body: "three" },
    ]);
    expect(reasons(later)).toEqual(["rate_limited"]);
    // A retry of the stored message is not a new message: it comes back, not refused.
    expect(reasons(await store(channel.slug, [first]))).toEqual(["ok"]);
  });

  it("a muted author's rejection says until when", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const until = new Date(Date.now() + 3_600_000);
    await restrictUser(user.id, "mute", until);
    const [result] = await store(channel.slug, [
      { authorId: user.id, clientId: newClientId(), body: "hi" },
    ]);
    expect(result).toMatchObject({ ok: false, reason: "muted", until: until.toISOString() });
  });
});

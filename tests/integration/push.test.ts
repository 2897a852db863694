import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import webPush from "web-push";
import type { VapidConfig } from "@/app/_lib/push/config";
import { dispatchPushes, recordMentionsForPush } from "@/app/_lib/push/dispatch";
import { PUSH_CHANNEL_GAP_MS, PUSH_DELAY_MS } from "@/app/_lib/push/pacing";
import { createPushSender, type PushPayload, type PushSender } from "@/app/_lib/push/sender";
import { POST } from "@/app/api/party/push/route";
import { getDb } from "@/db";
import { upsertSubscription } from "@/db/queries/push";
import { messageMentions, pushPacing, pushSubscriptions, readStates } from "@/db/schema";
import { bearerHeader } from "@/party/keys";
import { pushDueResultSchema } from "@/party/protocol";
import { makeChannel, makeMessages, makeUser, unique } from "../support/factories";
import {
  decryptPushBody,
  makeSubscriptionKeys,
  type TestSubscriptionKeys,
} from "../support/push-decrypt";
import { type PushReceiver, startPushReceiver } from "../support/push-receiver";

let receiver: PushReceiver;
let vapid: VapidConfig;
let send: PushSender;

beforeAll(async () => {
  receiver = await startPushReceiver();
  const keys = webPush.generateVAPIDKeys();
  vapid = {
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    subject: "mailto:ops@example.com",
  };
  send = createPushSender(vapid, { agent: receiver.agent });
});
afterAll(async () => {
  await receiver.close();
});

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const at = (ms: number) => new Date(T0 + ms);

/** A device of `userId` whose endpoint is a path on the local receiver. */
async function subscribe(userId: number, label = "device") {
  const keys = makeSubscriptionKeys();
  const path = `/push/${unique(label)}`;
  const endpoint = `${receiver.origin}${path}`;
  await upsertSubscription({
    userId,
    endpoint,
    endpointHash: createHash("sha256").update(endpoint).digest("hex"),
    p256dh: keys.p256dh,
    auth: keys.auth,
    userAgent: "test",
  });
  return { path, endpoint, keys };
}

const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

function decrypted(path: string, keys: TestSubscriptionKeys): PushPayload[] {
  return receivedAt(path).map((r) => JSON.parse(decryptPushBody(r.body, keys).toString("utf8")));
}

/** A person mentioned by Dana in a fresh channel, with one device. */
async function scene() {
  const [reader, dana] = await Promise.all([
    makeUser({ label: "reader" }),
    makeUser({ label: "dana", displayName: "Dana" }),
  ]);
  const channel = await makeChannel({ label: "push" });
  const device = await subscribe(reader.id);
  async function mention(body: string) {
    const [message] = await makeMessages({ channel, author: dana, bodies: [body] });
    if (!message) throw new Error("not stored");
    await getDb()
      .insert(messageMentions)
      .values({ messageId: message.id, userId: reader.id, channelId: channel.id });
    return { userId: reader.id, channelId: channel.id, messageId: message.id };
  }
  return { reader, dana, channel, device, mention };
}

async function pacing(userId: number, channelId: number) {
  const [row] = await getDb()
    .select()
    .from(pushPacing)
    .where(and(eq(pushPacing.userId, userId), eq(pushPacing.channelId, channelId)));
  return row;
}

describe("the push sender", () => {
  it("sends an aes128gcm body the subscription's keys decrypt, signed with VAPID", async () => {
    const keys = makeSubscriptionKeys();
    const path = `/push/${unique("direct")}`;
    const payload: PushPayload = {
      title: "Dana in #general",
      body: "héllo 你好 👋",
      url: "/c/general",
      tag: "channel-general",
    };
    const outcome = await send(
      { endpoint: `${receiver.origin}${path}`, p256dh: keys.p256dh, auth: keys.auth },
      payload,
    );
    expect(outcome).toEqual({ status: "sent" });

    const [request] = receivedAt(path);
    if (!request) throw new Error("nothing received");
    expect(JSON.parse(decryptPushBody(request.body, keys).toString("utf8"))).toEqual(payload);
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(request.headers.ttl)).toBe(86_400);
    expect(request.headers.urgency).toBe("high");

    // RFC 8292: "vapid t=<JWT>, k=<public key>", the JWT signed by that key for this origin.
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(
      request.headers.authorization ?? "",
    );
    expect(match).not.toBeNull();
    const [, token = "", k = ""] = match ?? [];
    expect(k).toBe(vapid.publicKey);
    const point = Buffer.from(k, "base64url");
    const key = await importJWK(
      {
        kty: "EC",
        crv: "P-256",
        x: point.subarray(1, 33).toString("base64url"),
        y: point.subarray(33).toString("base64url"),
      },
      "ES256",
    );
    const { payload: claims } = await jwtVerify(token, key, { audience: receiver.origin });
    expect(claims.sub).toBe("mailto:ops@example.com");
  });

  it("a wrong auth secret cannot decrypt (the test's decryption really checks)", async () => {
    const keys = makeSubscriptionKeys();
    const path = `/push/${unique("wrong")}`;
    await send(
      { endpoint: `${receiver.origin}${path}`, p256dh: keys.p256dh, auth: keys.auth },
      { title: "t", body: "b", url: "/", tag: "x" },
    );
    const [request] = receivedAt(path);
    if (!request) throw new Error("nothing received");
    const other = { ...keys, authSecret: Buffer.alloc(16, 1) };
    expect(() => decryptPushBody(request.body, other)).toThrow();
  });
});

describe("dispatchPushes", () => {
  it("sends nothing during the 60 s grace, then one push naming the author", async () => {
    const s = await scene();
    const m = await s.mention("@reader can you look at **this**?");
    await recordMentionsForPush([m], at(0));

    const early = await dispatchPushes(s.reader.id, { sockets: 0, now: at(30_000), send });
    expect(early).toEqual({ sent: 0, nextDueAt: at(PUSH_DELAY_MS) });
    expect(receivedAt(s.device.path)).toHaveLength(0);

    const due = await dispatchPushes(s.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS), send });
    expect(due).toEqual({ sent: 1, nextDueAt: null });
    expect(decrypted(s.device.path, s.device.keys)).toEqual([
      {
        title: `Dana in #${s.channel.slug}`,
        body: "@reader can you look at **this**?",
        url: `/c/${s.channel.slug}`,
        tag: `channel-${s.channel.slug}`,
      },
    ]);
    expect(await pacing(s.reader.id, s.channel.id)).toMatchObject({
      heldCount: 0,
      lastSentAt: at(PUSH_DELAY_MS),
      dueAt: null,
    });
  });

  it("sends nothing when the mention was read on another device within the 60 s", async () => {
    const s = await scene();
    const m = await s.mention("@reader hi");
    await recordMentionsForPush([m], at(0));
    await getDb()
      .insert(readStates)
      .values({ userId: s.reader.id, channelId: s.channel.id, lastReadId: m.messageId });
    const result = await dispatchPushes(s.reader.id, {
      sockets: 0,
      now: at(PUSH_DELAY_MS + 1_000),
      send,
    });
    expect(result).toEqual({ sent: 0, nextDueAt: null });
    expect(receivedAt(s.device.path)).toHaveLength(0);
    expect((await pacing(s.reader.id, s.channel.id))?.heldCount).toBe(0);
  });

  it("sends nothing for a muted channel, a deleted message, or while a page is open", async () => {
    const muted = await scene();
    await recordMentionsForPush([await muted.mention("@reader a")], at(0));
    await getDb()
      .insert(readStates)
      .values({ userId: muted.reader.id, channelId: muted.channel.id, muted: true });
    expect(
      (await dispatchPushes(muted.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS), send })).sent,
    ).toBe(0);

    const open = await scene();
    await recordMentionsForPush([await open.mention("@reader b")], at(0));
    expect(
      (await dispatchPushes(open.reader.id, { sockets: 1, now: at(PUSH_DELAY_MS), send })).sent,
    ).toBe(0);
    // Cleared, not postponed: the page showed it.
    expect(
      (await dispatchPushes(open.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS * 2), send })).sent,
    ).toBe(0);

    const deleted = await scene();
    const m = await deleted.mention("@reader c");
    await recordMentionsForPush([m], at(0));
    const { softDeleteMessage } = await import("@/db/queries/messages");
    await softDeleteMessage({ id: m.messageId, deletedBy: deleted.dana.id, reason: "oops" });
    expect(
      (await dispatchPushes(deleted.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS), send })).sent,
    ).toBe(0);

    for (const s of [muted, open, deleted]) expect(receivedAt(s.device.path)).toHaveLength(0);
  });

  it("holds mentions inside the 5-minute gap and sends them as one digest when it ends", async () => {
    const s = await scene();
    await recordMentionsForPush([await s.mention("@reader first")], at(0));
    expect(
      (await dispatchPushes(s.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS), send })).sent,
    ).toBe(1);

    // Two more at 1:30 and 2:00; the room's alarm fires 60 s after the last.
    await recordMentionsForPush([await s.mention("@reader second")], at(90_000));
    await recordMentionsForPush([await s.mention("@reader third")], at(120_000));
    const gapEnd = at(PUSH_DELAY_MS + PUSH_CHANNEL_GAP_MS);
    const early = await dispatchPushes(s.reader.id, { sockets: 0, now: at(180_000), send });
    expect(early).toEqual({ sent: 0, nextDueAt: gapEnd });
    expect(receivedAt(s.device.path)).toHaveLength(1);

    // The room calls again at nextDueAt.
    const digest = await dispatchPushes(s.reader.id, { sockets: 0, now: gapEnd, send });
    expect(digest).toEqual({ sent: 1, nextDueAt: null });
    const payloads = decrypted(s.device.path, s.device.keys);
    expect(payloads.map((p) => p.title)).toEqual([
      `Dana in #${s.channel.slug}`,
      `2 mentions in #${s.channel.slug}`,
    ]);
    expect(new Set(payloads.map((p) => p.tag)).size).toBe(1);
  });

  it("writes in the reader's language", async () => {
    const s = await scene();
    const { setUserLocale } = await import("@/db/queries/users");
    await setUserLocale({ userId: s.reader.id, locale: "zh-CN" });
    await recordMentionsForPush(
      [await s.mention("@reader 你好"), await s.mention("@reader 再见")],
      at(0),
    );
    await dispatchPushes(s.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS), send });
    expect(decrypted(s.device.path, s.device.keys).map((p) => p.title)).toEqual([
      `#${s.channel.slug} 中有 2 条提及`,
    ]);
  });

  it("deletes a subscription the push service answers 404 or 410 for, keeps one that got a 500", async () => {
    const s = await scene();
    const [gone404, gone410, broken] = await Promise.all([
      subscribe(s.reader.id, "gone404"),
      subscribe(s.reader.id, "gone410"),
      subscribe(s.reader.id, "broken"),
    ]);
    receiver.answer(gone404.path, 404);
    receiver.answer(gone410.path, 410);
    receiver.answer(broken.path, 500);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await recordMentionsForPush([await s.mention("@reader ping")], at(0));
      expect(
        (await dispatchPushes(s.reader.id, { sockets: 0, now: at(PUSH_DELAY_MS), send })).sent,
      ).toBe(1);
      expect(String(log.mock.calls.flat().join(" "))).toMatch(/500/);
    } finally {
      log.mockRestore();
    }
    for (const d of [s.device, gone404, gone410, broken])
      expect(receivedAt(d.path)).toHaveLength(1);
    const rows = await getDb()
      .select({ endpoint: pushSubscriptions.endpoint, lastSentAt: pushSubscriptions.lastSentAt })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, s.reader.id));
    expect(rows.map((r) => r.endpoint).sort()).toEqual([s.device.endpoint, broken.endpoint].sort());
    expect(rows.find((r) => r.endpoint === s.device.endpoint)?.lastSentAt).toEqual(
      at(PUSH_DELAY_MS),
    );
  });
});

describe("POST /api/party/push", () => {
  async function call(body: string, auth?: string | null) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const value =
      auth === undefined ? await bearerHeader(process.env.PARTY_SECRET as string) : auth;
    if (value !== null) headers.authorization = value;
    return POST(new Request("http://test.local/api/party/push", { method: "POST", headers, body }));
  }

  it("refuses a call without the room's bearer", async () => {
    const user = await makeUser();
    const body = JSON.stringify({ userId: user.id, sockets: 0 });
    expect((await call(body, null)).status).toBe(401);
    expect((await call(body, `Bearer ${process.env.PARTY_SECRET}`)).status).toBe(401);
  });

  it("answers 400 to a body it cannot read or a wrong shape", async () => {
    expect((await call("{nope")).status).toBe(400);
    const wrong = await call(JSON.stringify({ userId: "1", sockets: -1 }));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "Invalid push call" });
  });

  it("answers what it sent and when to call again", async () => {
    const s = await scene();
    await recordMentionsForPush([await s.mention("@reader later")], new Date());
    const response = await call(JSON.stringify({ userId: s.reader.id, sockets: 0 }));
    expect(response.status).toBe(200);
    const answer = pushDueResultSchema.parse(await response.json());
    expect(answer.sent).toBe(0);
    expect(answer.nextDueAt).not.toBeNull();
    expect(Date.parse(answer.nextDueAt ?? "")).toBeGreaterThan(Date.now());
  });
});

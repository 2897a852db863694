import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fanOutActivity } from "@/app/_lib/unread/activity-fan-out";
import { markReadAs, setMutedAs } from "@/app/_lib/unread/read-actions-core";
import { getDb } from "@/db";
import { insertMessages, softDeleteMessage } from "@/db/queries/messages";
import { markOnline, onlineUserIds } from "@/db/queries/online";
import {
  advanceRead,
  channelCounts,
  markUnreadFrom,
  readPosition,
  UNREAD_CAP,
} from "@/db/queries/read-state";
import { findUserById } from "@/db/queries/users";
import { messageMentions, type User } from "@/db/schema";
import type { StoreResult, UserCommand } from "@/party/protocol";
import {
  makeChannel,
  makeMessages,
  makeUser,
  newClientId,
  restrictUser,
} from "../support/factories";

// A stand-in for the rooms: records what each person's room is told and answers with the number
// of open pages the test gave that person (1 unless said otherwise).
const told: { userId: number; body: UserCommand }[] = [];
const pagesOpen = new Map<number, number>();
let roomServer: Server;
const realHost = process.env.ROOM_HOST;
beforeAll(async () => {
  roomServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const userId = Number(/\/parties\/user\/(\d+)$/.exec(req.url ?? "")?.[1]);
      told.push({ userId, body: JSON.parse(body) });
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ sockets: pagesOpen.get(userId) ?? 1 }));
    });
  });
  await new Promise<void>((resolve) => roomServer.listen(0, "127.0.0.1", resolve));
  process.env.ROOM_HOST = `127.0.0.1:${(roomServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.env.ROOM_HOST = realHost;
  await new Promise((resolve) => roomServer.close(resolve));
});
beforeEach(() => {
  told.length = 0;
});

const reader = (u: Pick<User, "id" | "readBaselineId">) => ({
  id: u.id,
  readBaselineId: u.readBaselineId,
});
const fresh = async (u: User) => (await findUserById(u.id)) as User;

describe("read state", () => {
  it("counts from the baseline: history from before someone joined is not unread", async () => {
    const channel = await makeChannel();
    const author = await makeUser({ label: "author" });
    await makeMessages({ channel, author, bodies: ["old 1", "old 2"] });
    const late = await makeUser({ label: "late" });
    let [counts] = await channelCounts(reader(late), [channel.id]);
    expect(counts).toMatchObject({ unread: 0, mentions: 0, lastReadId: late.readBaselineId });
    await makeMessages({ channel, author, bodies: ["new 1", "new 2"] });
    [counts] = await channelCounts(reader(late), [channel.id]);
    expect(counts?.unread).toBe(2);
  });

  it("leaves out the reader's own messages and deleted ones, and counts mentions", async () => {
    const channel = await makeChannel();
    const me = await makeUser({ label: "me" });
    const other = await makeUser({ label: "other" });
    await makeMessages({ channel, author: me, bodies: ["mine"] });
    const [kept, gone, naming] = await makeMessages({
      channel,
      author: other,
      bodies: ["kept", "gone", "@me"],
    });
    if (!kept || !gone || !naming) throw new Error("not stored");
    await softDeleteMessage({ id: gone.id, deletedBy: other.id, reason: "test" });
    await getDb()
      .insert(messageMentions)
      .values({ messageId: naming.id, userId: me.id, channelId: channel.id });
    const [counts] = await channelCounts(reader(me), [channel.id]);
    expect(counts).toMatchObject({ unread: 2, mentions: 1 });
  });

  it("advances only forward; mark as unread moves it back", async () => {
    const channel = await makeChannel();
    const me = await makeUser({ label: "me" });
    const other = await makeUser({ label: "other" });
    const [m1, m2, m3] = await makeMessages({ channel, author: other, bodies: ["1", "2", "3"] });
    if (!m1 || !m2 || !m3) throw new Error("not stored");
    await advanceRead({ userId: me.id, channelId: channel.id, messageId: m3.id });
    await advanceRead({ userId: me.id, channelId: channel.id, messageId: m1.id });
    expect((await readPosition(reader(me), channel.id)).lastReadId).toBe(m3.id);
    await markUnreadFrom({ userId: me.id, channelId: channel.id, messageId: m2.id });
    const [counts] = await channelCounts(reader(me), [channel.id]);
    expect(counts).toMatchObject({ lastReadId: m2.id - 1, unread: 2 });
  });

  it("stops counting at the cap", async () => {
    const channel = await makeChannel();
    const me = await makeUser({ label: "me" });
    const other = await makeUser({ label: "other" });
    await insertMessages({
      channelId: channel.id,
      items: Array.from({ length: UNREAD_CAP + 5 }, (_, i) => ({
        authorId: other.id,
        clientId: newClientId(),
        body: `m${i}`,
      })),
    });
    const [counts] = await channelCounts(reader(me), [channel.id]);
    expect(counts?.unread).toBe(UNREAD_CAP);
  });
});

describe("markRead", () => {
  it("advances, answers MySQL's counts and tells the person's other pages", async () => {
    const channel = await makeChannel();
    const me = await makeUser({ label: "me" });
    const other = await makeUser({ label: "other" });
    const [m1, m2] = await makeMessages({ channel, author: other, bodies: ["1", "2"] });
    if (!m1 || !m2) throw new Error("not stored");
    const result = await markReadAs(await fresh(me), channel.slug, m1.id);
    expect(result).toEqual({
      ok: true,
      counts: {
        channel: channel.slug,
        lastReadId: m1.id,
        unread: 1,
        mentions: 0,
        muted: false,
        newestId: m2.id,
      },
    });
    expect(told).toEqual([
      {
        userId: me.id,
        body: {
          type: "events",
          events: [
            { type: "read", channel: channel.slug, lastReadId: m1.id, unread: 1, mentions: 0 },
          ],
        },
      },
    ]);
  });

  it("refuses a message of another channel, a closed channel, signed-out and banned people", async () => {
    const [channel, elsewhere] = await Promise.all([makeChannel(), makeChannel()]);
    const me = await makeUser({ label: "me" });
    const other = await makeUser({ label: "other" });
    const [foreign] = await makeMessages({ channel: elsewhere, author: other, bodies: ["x"] });
    if (!foreign) throw new Error("not stored");
    expect(await markReadAs(await fresh(me), channel.slug, foreign.id)).toEqual({
      ok: false,
      reason: "no_message",
    });
    expect(await markReadAs(await fresh(me), "no-such-channel", foreign.id)).toMatchObject({
      ok: false,
      reason: "no_channel",
    });
    expect(await markReadAs(null, elsewhere.slug, foreign.id)).toMatchObject({ ok: false });
    await restrictUser(me.id, "ban");
    expect(await markReadAs(await fresh(me), elsewhere.slug, foreign.id)).toEqual({
      ok: false,
      reason: "banned",
    });
    expect((await readPosition(reader(me), channel.id)).lastReadId).toBe(me.readBaselineId);
    expect(told).toEqual([]);
  });

  it("mutes and unmutes, telling the person's pages", async () => {
    const channel = await makeChannel();
    const me = await makeUser({ label: "me" });
    expect(await setMutedAs(await fresh(me), channel.slug, true)).toEqual({ ok: true });
    expect((await readPosition(reader(me), channel.id)).muted).toBe(true);
    expect(told[0]?.body.events).toEqual([{ type: "muted", channel: channel.slug, muted: true }]);
  });
});

describe("the activity fan-out", () => {
  const storedResults = (messages: Awaited<ReturnType<typeof makeMessages>>): StoreResult[] =>
    messages.map((message) => ({ clientId: message.clientId, ok: true, message }));

  it("tells online people but not the author nor anyone offline; a room with no page marks its person offline", async () => {
    const channel = await makeChannel();
    const author = await makeUser({ label: "author" });
    const online = await makeUser({ label: "online" });
    const offline = await makeUser({ label: "offline" });
    const closedTabs = await makeUser({ label: "closed" });
    const soon = new Date(Date.now() + 10 * 60_000);
    await markOnline(author.id, soon);
    await markOnline(online.id, soon);
    // Marked long enough ago that "no page" is believed, not taken for a page still opening.
    await markOnline(closedTabs.id, new Date(Date.now() + 60_000));
    pagesOpen.set(closedTabs.id, 0);
    const messages = await makeMessages({ channel, author, bodies: ["a", "b"] });
    await fanOutActivity(channel.slug, storedResults(messages));
    const mine = new Set([author.id, online.id, offline.id, closedTabs.id]);
    const ours = told.filter((t) => mine.has(t.userId));
    expect(ours.map((t) => t.userId).sort()).toEqual([online.id, closedTabs.id].sort());
    const last = messages[messages.length - 1];
    expect(ours.find((t) => t.userId === online.id)?.body.events).toEqual([
      {
        type: "activity",
        channel: channel.slug,
        messageId: last?.id,
        count: 2,
        firstId: messages[0]?.id,
        ids: messages.map((m) => m.id),
      },
    ]);
    const ids = await onlineUserIds();
    expect(ids).toContain(online.id);
    expect(ids).not.toContain(closedTabs.id);
  });
});

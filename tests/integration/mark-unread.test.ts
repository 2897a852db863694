import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARK_UNREAD_RATE, markUnread } from "@/app/_lib/read-state/mark-unread";
import { getDb } from "@/db";
import { updateChannel } from "@/db/queries/channels";
import { softDeleteMessage } from "@/db/queries/messages";
import { advanceRead, channelCounts, readPosition } from "@/db/queries/read-state";
import { findUserById } from "@/db/queries/users";
import { channels, type User } from "@/db/schema";
import { makeChannel, makeMessages, makeUser, restrictUser } from "../support/factories";

// A stand-in for the per-user room that records what Next.js tells it.
const told: { path: string; body: unknown }[] = [];
let roomServer: Server;
const realHost = process.env.ROOM_HOST;
beforeAll(async () => {
  roomServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      told.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"sockets":1}');
    });
  });
  await new Promise<void>((resolve) => roomServer.listen(0, "127.0.0.1", resolve));
  process.env.ROOM_HOST = `127.0.0.1:${(roomServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.env.ROOM_HOST = realHost;
  await new Promise((resolve) => roomServer.close(resolve));
});

const mark = (actor: User | null, slug: string, messageId: number) =>
  markUnread.runAs(actor, { slug, messageId });

/** A reader who has read all of five messages by someone else. */
async function scene() {
  const [channel, author, reader] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
  const messages = await makeMessages({
    channel,
    author,
    bodies: ["one", "two", "three", "four", "five"],
  });
  const last = messages.at(-1);
  if (!last) throw new Error("not stored");
  await advanceRead({ userId: reader.id, channelId: channel.id, messageId: last.id });
  const counts = await channelCounts(reader, [channel.id]);
  expect(counts[0]?.unread).toBe(0);
  return { channel, author, reader, messages: messages.map((m) => m.id) };
}

describe("markUnread", () => {
  it("moves the place back to just before the message; the counts are what follows it", async () => {
    const { channel, reader, messages } = await scene();
    const from = messages[2] as number;
    expect(await mark(reader, channel.slug, from)).toEqual({
      ok: true,
      message: "Marked as unread from this message.",
    });
    const [counts] = await channelCounts(reader, [channel.id]);
    expect(counts).toMatchObject({ lastReadId: from - 1, unread: 3, mentions: 0 });
    // The person's own room hears it, so every sidebar they have open shows the new count.
    expect(told.filter((t) => t.path === `/parties/user/${reader.id}`).at(-1)?.body).toEqual({
      type: "events",
      events: [
        { type: "read", channel: channel.slug, lastReadId: from - 1, unread: 3, mentions: 0 },
      ],
    });
    // Marking from an earlier message counts more; the place may move back as far as asked.
    await mark(reader, channel.slug, messages[0] as number);
    expect((await channelCounts(reader, [channel.id]))[0]?.unread).toBe(5);
  });

  it("refuses another channel's message, a deleted one and one that does not exist", async () => {
    const { channel, author, reader, messages } = await scene();
    const elsewhere = await makeChannel();
    const [foreign] = await makeMessages({ channel: elsewhere, author, bodies: ["elsewhere"] });
    const deleted = messages[3] as number;
    await softDeleteMessage({ id: deleted, deletedBy: author.id, reason: "gone" });
    const before = await readPosition(reader, channel.id);

    expect(await mark(reader, channel.slug, foreign?.id as number)).toEqual({
      ok: false,
      message: "That message is not in this channel.",
    });
    expect(await mark(reader, channel.slug, 2_000_000_000)).toMatchObject({ ok: false });
    expect(await mark(reader, `${channel.slug}-none`, messages[0] as number)).toMatchObject({
      ok: false,
    });
    expect(await mark(reader, channel.slug, deleted)).toEqual({
      ok: false,
      message: "That message was deleted.",
    });
    expect(await readPosition(reader, channel.id)).toEqual(before);
    expect(await readPosition(reader, elsewhere.id)).toEqual({
      lastReadId: reader.readBaselineId,
      muted: false,
    });
  });

  it("refuses in an archived channel", async () => {
    const { channel, reader, messages } = await scene();
    await updateChannel({ id: channel.id, changes: { archivedAt: new Date() } });
    expect(await mark(reader, channel.slug, messages[0] as number)).toEqual({
      ok: false,
      message: "This channel is archived.",
    });
  });

  it("refuses a support conversation's message: its counts are not the caller's to learn", async () => {
    const { channel, reader, messages } = await scene();
    await getDb().update(channels).set({ kind: "conversation" }).where(eq(channels.id, channel.id));
    const heard = told.length;
    expect(await mark(reader, channel.slug, messages[0] as number)).toEqual({
      ok: false,
      message: "That message is not in this channel.",
    });
    expect(told.length).toBe(heard);
  });

  it("refuses the signed-out and the banned", async () => {
    const { channel, reader, messages } = await scene();
    const before = await readPosition(reader, channel.id);
    expect(await mark(null, channel.slug, messages[0] as number)).toEqual({
      ok: false,
      message: "Sign in first.",
    });
    await restrictUser(reader.id, "ban");
    const banned = await findUserById(reader.id);
    expect(await mark(banned, channel.slug, messages[0] as number)).toEqual({
      ok: false,
      message: "You are banned.",
    });
    expect(await readPosition(reader, channel.id)).toEqual(before);
  });

  it("refuses a loop past the burst, saying so", async () => {
    const { channel, reader, messages } = await scene();
    const from = messages[0] as number;
    // The bucket refills while the loop runs, so the refusal comes at the burst or a little after.
    const answers = [];
    for (let i = 0; i < MARK_UNREAD_RATE.capacity * 2; i++) {
      const answer = await mark(reader, channel.slug, from);
      answers.push(answer);
      if (!answer.ok) break;
    }
    expect(answers.length).toBeGreaterThan(MARK_UNREAD_RATE.capacity);
    expect(answers.at(-1)).toEqual({
      ok: false,
      message: "Slow down: too many marks in a short time. Try again in a moment.",
    });
  });
});

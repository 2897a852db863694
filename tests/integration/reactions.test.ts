import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setChannelArchived } from "@/app/_lib/moderation/channel-actions";
import { REACTION_RATE, toggleReaction } from "@/app/_lib/reactions/toggle-reaction";
import { listChangesSince, listMessages, softDeleteMessage } from "@/db/queries/messages";
import { addReaction, countReactionRows, reactionSummaries } from "@/db/queries/reactions";
import { findUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { MAX_DISTINCT_REACTIONS, type RoomCommand } from "@/party/protocol";
import { makeChannel, makeMessages, makeUser, restrictUser } from "../support/factories";

// A stand-in room that records what Next.js tells it, so the tests see each change broadcast.
const commands: { path: string; body: RoomCommand }[] = [];
let roomServer: Server;
const realHost = process.env.ROOM_HOST;
beforeAll(async () => {
  roomServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      commands.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => roomServer.listen(0, "127.0.0.1", resolve));
  process.env.ROOM_HOST = `127.0.0.1:${(roomServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.env.ROOM_HOST = realHost;
  await new Promise((resolve) => roomServer.close(resolve));
});

const react = (actor: User | null, messageId: number, emoji: string, on?: boolean) =>
  toggleReaction.runAs(actor, {
    messageId: String(messageId),
    emoji,
    ...(on !== undefined && { on: String(on) }),
  });

async function scene() {
  const [channel, author, reader] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
  const [message] = await makeMessages({ channel, author, bodies: ["react to me"] });
  if (!message) throw new Error("no message");
  return { channel, author, reader, message };
}

/** The reaction version a room command carries (0 when it carries none). */
const versionOf = (command: RoomCommand | undefined) =>
  command?.type === "reaction" ? (command.event.version ?? 0) : 0;

async function reactionsOf(messageId: number, readerId: number) {
  return (await reactionSummaries({ messageIds: [messageId], readerId })).get(messageId) ?? [];
}

describe("toggleReaction", () => {
  it("adds once however often it is asked, tells the room the count, and removes", async () => {
    const { channel, reader, message } = await scene();
    expect(await react(reader, message.id, "👍", true)).toMatchObject({ ok: true });
    expect(await react(reader, message.id, "👍", true)).toMatchObject({
      ok: true,
      message: "Nothing changed.",
    });
    expect(await countReactionRows(message.id)).toBe(1);
    const told = commands.filter((c) => c.path.endsWith(`/${channel.slug}`));
    expect(told.at(-1)?.body).toEqual({
      type: "reaction",
      event: {
        messageId: message.id,
        emoji: "👍",
        user: { id: reader.id, name: reader.displayName },
        added: true,
        count: 1,
        version: expect.any(Number),
      },
    });
    const addedAt = versionOf(told.at(-1)?.body);
    // Without `on` it toggles what is there.
    expect(await react(reader, message.id, "👍")).toMatchObject({
      ok: true,
      message: "Reaction removed.",
    });
    expect(await countReactionRows(message.id)).toBe(0);
    expect(commands.at(-1)?.body).toMatchObject({ event: { added: false, count: 0 } });
    // Each change gets a newer reaction version, so pages can order their events.
    expect(versionOf(commands.at(-1)?.body)).toBeGreaterThan(addedAt);
  });

  it("keeps 👍 and 😂 apart (a binary collation) and counts each", async () => {
    const { author, reader, message } = await scene();
    await react(reader, message.id, "👍", true);
    await react(author, message.id, "👍", true);
    await react(reader, message.id, "😂", true);
    const list = await reactionsOf(message.id, reader.id);
    expect(list.map((r) => [r.emoji, r.count, r.mine])).toEqual([
      ["👍", 2, true],
      ["😂", 1, true],
    ]);
    expect(list[0]?.users.map((u) => u.id)).toEqual([reader.id, author.id]);
  });

  it("refuses a new emoji past MAX_DISTINCT_REACTIONS but lets people join an existing one", async () => {
    const { author, reader, message } = await scene();
    const emoji = [..."😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😗😚😙🥲😋"];
    for (const e of emoji.slice(0, MAX_DISTINCT_REACTIONS)) {
      await addReaction({ messageId: message.id, emoji: e, userId: author.id });
    }
    const refused = await react(reader, message.id, emoji[MAX_DISTINCT_REACTIONS] as string, true);
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/20 different/) });
    expect(await react(reader, message.id, emoji[0] as string, true)).toMatchObject({ ok: true });
    expect(await reactionsOf(message.id, reader.id)).toHaveLength(MAX_DISTINCT_REACTIONS);
  });

  it("refuses text, markup and two emoji as a reaction", async () => {
    const { reader, message } = await scene();
    for (const emoji of ["abc", "<img src=x onerror=alert(1)>", "👍👍", "", "👍".repeat(40)]) {
      expect(await react(reader, message.id, emoji, true)).toMatchObject({
        ok: false,
        message: "A reaction is one emoji.",
      });
    }
    expect(await countReactionRows(message.id)).toBe(0);
  });

  it("refuses forged fields, and tells only the message's own channel", async () => {
    const { channel, reader, message } = await scene();
    for (const raw of [
      { messageId: "abc", emoji: "👍" },
      { messageId: "-1", emoji: "👍" },
      { messageId: String(message.id), emoji: "👍", on: "maybe" },
      { messageId: String(message.id), emoji: ["👍"] },
      { messageId: String(message.id) },
    ]) {
      expect(await toggleReaction.runAs(reader, raw)).toMatchObject({ ok: false });
    }
    expect(await countReactionRows(message.id)).toBe(0);
    const elsewhere = await makeChannel();
    const before = commands.length;
    await react(reader, message.id, "👍", true);
    const told = commands.slice(before);
    expect(told.map((c) => c.path)).toEqual([`/parties/main/${channel.slug}`]);
    expect(told.some((c) => c.path.includes(elsewhere.slug))).toBe(false);
  });

  it("refuses the signed-out, the muted and the banned", async () => {
    const { reader, message } = await scene();
    expect(await react(null, message.id, "👍", true)).toMatchObject({ ok: false });
    await restrictUser(reader.id, "mute");
    const muted = await findUserById(reader.id);
    expect(await react(muted, message.id, "👍", true)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/muted.*so you cannot react/),
    });
    const other = await makeUser();
    await restrictUser(other.id, "ban");
    expect(await react(await findUserById(other.id), message.id, "👍", true)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/banned/i),
    });
    expect(await countReactionRows(message.id)).toBe(0);
  });

  it("refuses a deleted or missing message and an archived channel", async () => {
    const { channel, author, reader, message } = await scene();
    const [second] = await makeMessages({ channel, author, bodies: ["soon gone"] });
    if (!second) throw new Error("no message");
    await softDeleteMessage({ id: second.id, deletedBy: author.id, reason: "" });
    expect(await react(reader, second.id, "👍", true)).toMatchObject({
      ok: false,
      message: "That message was deleted.",
    });
    expect(await react(reader, Number.MAX_SAFE_INTEGER, "👍", true)).toMatchObject({
      ok: false,
      message: "That message was deleted.",
    });
    const admin = await makeUser({ role: "admin" });
    await setChannelArchived.runAs(admin, { channelId: channel.id, archived: "true" });
    expect(await react(reader, message.id, "👍", true)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/archived/),
    });
    expect(await countReactionRows(message.id)).toBe(0);
  });

  it("never removes someone else's reaction", async () => {
    const { author, reader, message } = await scene();
    await react(author, message.id, "🎉", true);
    expect(await react(reader, message.id, "🎉", false)).toMatchObject({
      ok: true,
      message: "Nothing changed.",
    });
    expect(await reactionsOf(message.id, author.id)).toMatchObject([
      { emoji: "🎉", count: 1, mine: true },
    ]);
  });

  it("slows down one person toggling in a loop", async () => {
    const { reader, message } = await scene();
    const results = [];
    for (let i = 0; i <= REACTION_RATE.capacity + 1; i++) {
      results.push(await react(reader, message.id, "👍"));
    }
    expect(results.at(-1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Slow down/),
    });
  });
});

describe("reactions in history and the changes feed", () => {
  it("gives each reader their own `mine`, and every message a reactions list", async () => {
    const { channel, author, reader, message } = await scene();
    const [plain] = await makeMessages({ channel, author, bodies: ["no reactions"] });
    await react(reader, message.id, "👍", true);
    const forReader = await listMessages({ channelId: channel.id, readerId: reader.id, limit: 10 });
    const forAuthor = await listMessages({ channelId: channel.id, readerId: author.id, limit: 10 });
    expect(forReader.messages.map((m) => m.reactions)).toEqual([
      [{ emoji: "👍", count: 1, users: [{ id: reader.id, name: reader.displayName }], mine: true }],
      [],
    ]);
    expect(forAuthor.messages[0]?.reactions?.[0]?.mine).toBe(false);
    expect(forAuthor.messages[1]?.id).toBe(plain?.id);
  });

  it("lists messages reacted to since `since`, with their reactions, and not older ones", async () => {
    const { channel, author, reader, message } = await scene();
    const [other] = await makeMessages({ channel, author, bodies: ["reacted long ago"] });
    if (!other) throw new Error("no message");
    await react(author, other.id, "😂", true);
    // reacted_at has millisecond precision: start `since` a few ms past that reaction, waiting
    // on the clock itself rather than a sleep.
    const reactedBefore = Date.now();
    let later = new Date();
    while (later.getTime() <= reactedBefore + 5) later = new Date();
    await react(reader, message.id, "👍", true);
    await react(reader, message.id, "👍", false);
    await react(author, message.id, "❤️", true);
    const changes = await listChangesSince({
      channelId: channel.id,
      since: later,
      from: message.id,
      upTo: other.id,
      readerId: reader.id,
    });
    expect(changes.edited.map((m) => [m.id, m.body, m.reactions])).toEqual([
      [
        message.id,
        "react to me",
        [
          {
            emoji: "❤️",
            count: 1,
            users: [{ id: author.id, name: author.displayName }],
            mine: false,
          },
        ],
      ],
    ]);
    expect(changes.complete).toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  editMessageBody,
  insertMessages,
  listChangesSince,
  listMessages,
  softDeleteMessage,
} from "@/db/queries/messages";
import { messages } from "@/db/schema";
import { makeChannel, makeUser, newClientId } from "../support/factories";

describe("insertMessages", () => {
  it("stores a batch in one call and returns it in id order with authors", async () => {
    const [channel, alice, bob] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const items = [
      { authorId: alice.id, clientId: newClientId(), body: "one" },
      { authorId: bob.id, clientId: newClientId(), body: "two" },
      { authorId: alice.id, clientId: newClientId(), body: "three" },
    ];
    const stored = await insertMessages({ channelId: channel.id, items });
    expect(stored.map((m) => m.body)).toEqual(["one", "two", "three"]);
    expect(stored.map((m) => m.id)).toEqual([...stored.map((m) => m.id)].sort((a, b) => a - b));
    expect(stored[1]?.author).toMatchObject({ id: bob.id, name: bob.displayName, role: "member" });
    expect(stored[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("returns the first row when the same (author, clientId) is stored again", async () => {
    const [channel, alice] = await Promise.all([makeChannel(), makeUser()]);
    const clientId = newClientId();
    const [first] = await insertMessages({
      channelId: channel.id,
      items: [{ authorId: alice.id, clientId, body: "hello" }],
    });
    const [again] = await insertMessages({
      channelId: channel.id,
      items: [{ authorId: alice.id, clientId, body: "hello (re-sent)" }],
    });
    expect(again?.id).toBe(first?.id);
    expect(again?.body).toBe("hello");
    const rows = await getDb().select().from(messages).where(eq(messages.channelId, channel.id));
    expect(rows).toHaveLength(1);
  });

  it("keeps the same clientId from two authors apart", async () => {
    const [channel, alice, bob] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const clientId = newClientId();
    const stored = await insertMessages({
      channelId: channel.id,
      items: [
        { authorId: alice.id, clientId, body: "alice" },
        { authorId: bob.id, clientId, body: "bob" },
      ],
    });
    expect(stored.map((m) => [m.author.id, m.body])).toEqual([
      [alice.id, "alice"],
      [bob.id, "bob"],
    ]);
  });
});

describe("listMessages", () => {
  async function channelWith(count: number) {
    const [channel, author] = await Promise.all([makeChannel(), makeUser()]);
    const items = Array.from({ length: count }, (_, i) => ({
      authorId: author.id,
      clientId: newClientId(),
      body: `message ${i + 1}`,
    }));
    const stored = await insertMessages({ channelId: channel.id, items });
    return { channel, stored };
  }

  it("gives the newest page oldest first, and says whether older ones exist", async () => {
    const { channel, stored } = await channelWith(60);
    const page = await listMessages({ channelId: channel.id, limit: 50 });
    expect(page.messages.map((m) => m.id)).toEqual(stored.slice(10).map((m) => m.id));
    expect(page.hasMore).toBe(true);
  });

  it("walks the whole history back by cursor, each message once and in order", async () => {
    const { channel, stored } = await channelWith(230);
    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listMessages({ channelId: channel.id, before, limit: 50 });
      seen.unshift(...page.messages.map((m) => m.id));
      if (!page.hasMore) break;
      before = page.messages[0]?.id;
    }
    expect(seen).toEqual(stored.map((m) => m.id));
  });

  it("catches up after an id, oldest first, in pages", async () => {
    const { channel, stored } = await channelWith(30);
    const after = stored[9]?.id;
    const first = await listMessages({ channelId: channel.id, after, limit: 15 });
    expect(first.messages.map((m) => m.id)).toEqual(stored.slice(10, 25).map((m) => m.id));
    expect(first.hasMore).toBe(true);
    const rest = await listMessages({ channelId: channel.id, after: stored[24]?.id, limit: 15 });
    expect(rest.messages.map((m) => m.id)).toEqual(stored.slice(25).map((m) => m.id));
    expect(rest.hasMore).toBe(false);
  });

  it("leaves out deleted messages and other channels' messages", async () => {
    const { channel, stored } = await channelWith(3);
    await channelWith(3);
    await getDb()
      .update(messages)
      .set({ deletedAt: new Date() })
      .where(eq(messages.id, stored[1]?.id ?? 0));
    const page = await listMessages({ channelId: channel.id, limit: 50 });
    expect(page.messages.map((m) => m.body)).toEqual(["message 1", "message 3"]);
    expect(page.hasMore).toBe(false);
  });

  it("returns an empty page for an empty channel", async () => {
    const channel = await makeChannel();
    expect(await listMessages({ channelId: channel.id, limit: 50 })).toEqual({
      messages: [],
      hasMore: false,
    });
  });
});

describe("listChangesSince", () => {
  async function fourMessages() {
    const [channel, author, moderator] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const stored = await insertMessages({
      channelId: channel.id,
      items: [1, 2, 3, 4].map((n) => ({
        authorId: author.id,
        clientId: newClientId(),
        body: `m${n}`,
      })),
    });
    return { channel, author, moderator, ids: stored.map((m) => m.id) };
  }
  const at = (ms: number) => new Date(ms);

  it("returns edits and deletions made since, up to the page's newest id", async () => {
    const { channel, moderator, ids } = await fourMessages();
    const [one, two, three, four] = ids as [number, number, number, number];
    const before = at(Date.now() - 1_000);
    await editMessageBody({ id: one, body: "m1, edited" });
    await softDeleteMessage({ id: two, deletedBy: moderator.id, reason: "spam" });
    // Beyond the page's newest id: its own catch-up brings these, not this query.
    await editMessageBody({ id: four, body: "m4, edited" });
    const changes = await listChangesSince({
      channelId: channel.id,
      since: before,
      from: one,
      upTo: three,
    });
    expect(changes.edited.map((m) => [m.id, m.body, m.editedAt !== null])).toEqual([
      [one, "m1, edited", true],
    ]);
    expect(changes.deletedIds).toEqual([two]);
    expect(changes.complete).toBe(true);
  });

  it("leaves out what changed before `since`, outside the held range, and in other channels", async () => {
    const { channel, moderator, ids } = await fourMessages();
    const other = await fourMessages();
    await softDeleteMessage({ id: ids[0] as number, deletedBy: moderator.id, reason: "old" });
    await softDeleteMessage({
      id: other.ids[1] as number,
      deletedBy: moderator.id,
      reason: "elsewhere",
    });
    const later = at(Date.now() + 60_000);
    expect(
      await listChangesSince({
        channelId: channel.id,
        since: later,
        from: 0,
        upTo: Number.MAX_SAFE_INTEGER,
      }),
    ).toEqual({ edited: [], deletedIds: [], complete: true });
    const all = await listChangesSince({
      channelId: channel.id,
      since: at(0),
      from: 0,
      upTo: 1e15,
    });
    expect(all.deletedIds).toEqual([ids[0]]);
    // Below the oldest message the page holds: not its concern.
    const held = await listChangesSince({
      channelId: channel.id,
      since: at(0),
      from: ids[1] as number,
      upTo: 1e15,
    });
    expect(held.deletedIds).toEqual([]);
  });

  it("reports a deleted message as deleted, never with its edited text", async () => {
    const { channel, moderator, ids } = await fourMessages();
    const id = ids[2] as number;
    await editMessageBody({ id, body: "edited, then removed" });
    await softDeleteMessage({ id, deletedBy: moderator.id, reason: "abuse" });
    const changes = await listChangesSince({
      channelId: channel.id,
      since: at(0),
      from: 0,
      upTo: 1e15,
    });
    expect(changes.deletedIds).toEqual([id]);
    expect(changes.edited).toEqual([]);
  });
});

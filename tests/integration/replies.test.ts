import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/party/messages/route";
import { getDb } from "@/db";
import {
  editMessageBody,
  findByClientKeys,
  listChangesSince,
  listMessages,
  softDeleteMessage,
} from "@/db/queries/messages";
import { messages } from "@/db/schema";
import { bearerHeader } from "@/party/keys";
import { REPLY_EXCERPT_CHARS, type StoreResult, storeResponseSchema } from "@/party/protocol";
import { makeChannel, makeMessages, makeUser, newClientId } from "../support/factories";

type Item = { authorId: number; clientId: string; body: string; replyTo?: number };

async function store(channel: string, items: Item[]): Promise<StoreResult[]> {
  const response = await POST(
    new Request("http://test.local/api/party/messages", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: await bearerHeader(process.env.PARTY_SECRET as string),
      },
      body: JSON.stringify({ channel, messages: items }),
    }),
  );
  expect(response.status).toBe(200);
  return storeResponseSchema.parse(await response.json()).results;
}

const reasons = (results: StoreResult[]) => results.map((r) => (r.ok ? "ok" : r.reason));

async function rowsOf(channelId: number) {
  return getDb().select().from(messages).where(eq(messages.channelId, channelId));
}

describe("storing replies", () => {
  it("stores a reply with its parent and returns the quote; a retry keeps it, never doubled", async () => {
    const [channel, alice, bob] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const [parent] = await makeMessages({ channel, author: alice, bodies: ["what time?"] });
    if (!parent) throw new Error("no parent");
    const reply = { authorId: bob.id, clientId: newClientId(), body: "noon", replyTo: parent.id };
    const [first] = await store(channel.slug, [reply]);
    expect(first?.ok && first.message.replyTo).toEqual({
      id: parent.id,
      authorName: alice.displayName,
      excerpt: "what time?",
      deleted: false,
    });
    // The same clientId again, even naming another parent, is the first message as stored.
    const [again] = await store(channel.slug, [{ ...reply, replyTo: undefined }]);
    expect(again).toEqual(first);
    const rows = await rowsOf(channel.id);
    expect(rows.map((r) => [r.body, r.replyToId])).toEqual([
      ["what time?", null],
      ["noon", parent.id],
    ]);
  });

  it("refuses a parent in another channel or an unknown id as invalid, storing nothing of it", async () => {
    const [channel, other, alice] = await Promise.all([makeChannel(), makeChannel(), makeUser()]);
    const [elsewhere] = await makeMessages({ channel: other, author: alice, bodies: ["secret"] });
    const [here] = await makeMessages({ channel, author: alice, bodies: ["here"] });
    if (!elsewhere || !here) throw new Error("not stored");
    const results = await store(channel.slug, [
      { authorId: alice.id, clientId: newClientId(), body: "x", replyTo: elsewhere.id },
      { authorId: alice.id, clientId: newClientId(), body: "y", replyTo: 2_000_000_000 },
      { authorId: alice.id, clientId: newClientId(), body: "z", replyTo: here.id },
    ]);
    expect(reasons(results)).toEqual(["invalid", "invalid", "ok"]);
    expect((await rowsOf(channel.id)).map((r) => r.body).sort()).toEqual(["here", "z"]);
    const page = await listMessages({ channelId: channel.id, limit: 10 });
    expect(JSON.stringify(page)).not.toContain("secret");
  });

  it("accepts a reply to a message deleted meanwhile, quoting it as deleted without its words", async () => {
    const [channel, alice, bob] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const [parent] = await makeMessages({ channel, author: alice, bodies: ["oops, a secret"] });
    if (!parent) throw new Error("no parent");
    await softDeleteMessage({ id: parent.id, deletedBy: alice.id, reason: "" });
    const [result] = await store(channel.slug, [
      { authorId: bob.id, clientId: newClientId(), body: "what was it?", replyTo: parent.id },
    ]);
    expect(result?.ok && result.message.replyTo).toEqual({
      id: parent.id,
      authorName: alice.displayName,
      excerpt: "",
      deleted: true,
    });
  });
});

describe("queries return the quote", () => {
  it("listMessages, findByClientKeys, editMessageBody and listChangesSince all carry replyTo", async () => {
    const since = new Date(Date.now() - 1_000);
    const [channel, alice, bob] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const long = `${"字".repeat(REPLY_EXCERPT_CHARS)}and more`;
    const [parent, plain] = await makeMessages({
      channel,
      author: alice,
      bodies: [long, "plain"],
    });
    if (!parent || !plain) throw new Error("not stored");
    const clientId = newClientId();
    const [stored] = await store(channel.slug, [
      { authorId: bob.id, clientId, body: "reply", replyTo: parent.id },
    ]);
    if (!stored?.ok) throw new Error("reply not stored");
    const quote = {
      id: parent.id,
      authorName: alice.displayName,
      excerpt: "字".repeat(REPLY_EXCERPT_CHARS),
      deleted: false,
    };
    const page = await listMessages({ channelId: channel.id, limit: 10 });
    expect(page.messages.map((m) => m.replyTo)).toEqual([undefined, undefined, quote]);
    expect((await findByClientKeys([{ authorId: bob.id, clientId }]))[0]?.replyTo).toEqual(quote);
    const edited = await editMessageBody({ id: stored.message.id, body: "reply, edited" });
    expect(edited?.replyTo).toEqual(quote);

    await softDeleteMessage({ id: parent.id, deletedBy: alice.id, reason: "" });
    const changes = await listChangesSince({
      channelId: channel.id,
      since,
      from: parent.id,
      upTo: stored.message.id,
    });
    expect(changes.deletedIds).toEqual([parent.id]);
    expect(changes.edited.map((m) => [m.id, m.replyTo])).toEqual([
      [stored.message.id, { ...quote, excerpt: "", deleted: true }],
    ]);
    const after = await listMessages({ channelId: channel.id, limit: 10 });
    expect(after.messages.map((m) => m.replyTo?.deleted)).toEqual([undefined, true]);
  });
});

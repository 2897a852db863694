import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { recordEditedMentions } from "@/app/_lib/mentions/record";
import { POST } from "@/app/api/party/messages/route";
import { getDb } from "@/db";
import { updateChannel } from "@/db/queries/channels";
import { listMentionsOf } from "@/db/queries/mentions";
import { editMessageBody, softDeleteMessage } from "@/db/queries/messages";
import { messageMentions, users } from "@/db/schema";
import { bearerHeader } from "@/party/keys";
import { type ChatMessage, storeResponseSchema } from "@/party/protocol";
import { makeChannel, makeUser, newClientId, restrictUser } from "../support/factories";

// The per-user room does not run here: notifyUser only logs that it cannot reach it.
vi.spyOn(console, "error").mockImplementation(() => {});

async function store(
  channel: string,
  messages: { authorId: number; clientId: string; body: string }[],
) {
  const response = await POST(
    new Request("http://test.local/api/party/messages", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: await bearerHeader(process.env.PARTY_SECRET as string),
      },
      body: JSON.stringify({ channel, messages }),
    }),
  );
  expect(response.status).toBe(200);
  const results = storeResponseSchema.parse(await response.json()).results;
  return results.map((r) => {
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    return r.message;
  });
}

async function mentionsOf(messageIds: number[]) {
  return getDb()
    .select({
      messageId: messageMentions.messageId,
      userId: messageMentions.userId,
      kind: messageMentions.kind,
    })
    .from(messageMentions)
    .where(inArray(messageMentions.messageId, messageIds))
    .orderBy(messageMentions.messageId, messageMentions.userId);
}

async function setOnline(userId: number, online: boolean) {
  await getDb()
    .update(users)
    .set({ onlineUntil: online ? new Date(Date.now() + 600_000) : null })
    .where(eq(users.id, userId));
}

describe("mentions on store", () => {
  it("records named people once each, never the author, the unknown or the banned", async () => {
    const [channel, author, dana, eli, banned] = await Promise.all([
      makeChannel(),
      makeUser({ label: "author" }),
      makeUser({ label: "dana" }),
      makeUser({ label: "eli" }),
      makeUser({ label: "banned" }),
    ]);
    await restrictUser(banned.id, "ban");
    const body = `hi @${dana.username.toUpperCase()} and @${eli.username}, @${dana.username} again; @${author.username} @${banned.username} @nobody-${dana.username} \`@${eli.username}\``;
    const batch = [{ authorId: author.id, clientId: newClientId(), body }];
    const [message] = await store(channel.slug, batch);
    if (!message) throw new Error("not stored");
    const expected = [dana.id, eli.id]
      .sort((a, b) => a - b)
      .map((userId) => ({ messageId: message.id, userId, kind: "user" }));
    expect(await mentionsOf([message.id])).toEqual(expected);

    // A retried batch answers the same message and stores no second row.
    const [again] = await store(channel.slug, batch);
    expect(again?.id).toBe(message.id);
    expect(await mentionsOf([message.id])).toEqual(expected);
  });

  it("records a message with no mention at no cost and a body with only code as nobody", async () => {
    const [channel, author, dana] = await Promise.all([makeChannel(), makeUser(), makeUser()]);
    const stored = await store(channel.slug, [
      { authorId: author.id, clientId: newClientId(), body: "plain words" },
      { authorId: author.id, clientId: newClientId(), body: `\`\`\`\n@${dana.username}\n\`\`\`` },
      { authorId: author.id, clientId: newClientId(), body: `mail ${dana.username}@example.com` },
    ]);
    expect(await mentionsOf(stored.map((m) => m.id))).toEqual([]);
  });

  it("lets @here reach everyone online from staff only", async () => {
    const [channel, moderator, member, online, offline] = await Promise.all([
      makeChannel(),
      makeUser({ role: "moderator" }),
      makeUser(),
      makeUser(),
      makeUser(),
    ]);
    await Promise.all([
      setOnline(online.id, true),
      setOnline(moderator.id, true),
      setOnline(member.id, true),
      setOnline(offline.id, false),
    ]);
    const [fromMember] = await store(channel.slug, [
      { authorId: member.id, clientId: newClientId(), body: "@here free pizza" },
    ]);
    const [fromStaff] = await store(channel.slug, [
      { authorId: moderator.id, clientId: newClientId(), body: "@here meeting now" },
    ]);
    if (!fromMember || !fromStaff) throw new Error("not stored");
    expect(await mentionsOf([fromMember.id])).toEqual([]);
    const reached = (await mentionsOf([fromStaff.id])).filter((r) =>
      [moderator.id, member.id, online.id, offline.id].includes(r.userId),
    );
    expect(reached).toEqual(
      [member.id, online.id]
        .sort((a, b) => a - b)
        .map((userId) => ({ messageId: fromStaff.id, userId, kind: "here" })),
    );
  });

  it("follows an edit: new names added, dropped names removed", async () => {
    const [channel, author, dana, eli] = await Promise.all([
      makeChannel(),
      makeUser(),
      makeUser(),
      makeUser(),
    ]);
    const [message] = await store(channel.slug, [
      { authorId: author.id, clientId: newClientId(), body: `hello @${dana.username}` },
    ]);
    if (!message) throw new Error("not stored");
    const edited = (await editMessageBody({
      id: message.id,
      body: `sorry, I meant @${eli.username}`,
    })) as ChatMessage;
    const added = await recordEditedMentions(channel, edited);
    expect(added.map((m) => m.userId)).toEqual([eli.id]);
    expect(await mentionsOf([message.id])).toEqual([
      { messageId: message.id, userId: eli.id, kind: "user" },
    ]);
  });
});

describe("listMentionsOf", () => {
  it("lists only this person's mentions, newest first, without deleted messages or archived channels", async () => {
    const [open, archived, author, dana, eli] = await Promise.all([
      makeChannel(),
      makeChannel(),
      makeUser(),
      makeUser(),
      makeUser(),
    ]);
    const mention = (body: string) => ({ authorId: author.id, clientId: newClientId(), body });
    const [first, gone, second] = await store(open.slug, [
      mention(`one @${dana.username}`),
      mention(`deleted @${dana.username}`),
      mention(`two @${dana.username} @${eli.username}`),
    ]);
    const [hidden] = await store(archived.slug, [mention(`archived @${dana.username}`)]);
    if (!first || !gone || !second || !hidden) throw new Error("not stored");
    await softDeleteMessage({ id: gone.id, deletedBy: author.id, reason: "" });
    await updateChannel({ id: archived.id, changes: { archivedAt: new Date() } });

    const page = await listMentionsOf({ userId: dana.id, limit: 1 });
    expect(page.entries.map((e) => e.messageId)).toEqual([second.id]);
    expect(page.hasMore).toBe(true);
    expect(page.entries[0]).toMatchObject({ channelSlug: open.slug, body: second.body });
    const older = await listMentionsOf({ userId: dana.id, before: second.id, limit: 50 });
    expect(older).toEqual({
      entries: [expect.objectContaining({ messageId: first.id })],
      hasMore: false,
    });
    const elis = await listMentionsOf({ userId: eli.id, limit: 50 });
    expect(elis.entries.map((e) => e.messageId)).toEqual([second.id]);
    // The rows stay (the channel may be unarchived); the page leaves them out.
    const rows = await getDb()
      .select()
      .from(messageMentions)
      .where(and(eq(messageMentions.userId, dana.id), eq(messageMentions.messageId, hidden.id)));
    expect(rows).toHaveLength(1);
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createChannel,
  setChannelArchived,
  updateChannel,
} from "@/app/_lib/moderation/channel-actions";
import { deleteMessage, editMessage } from "@/app/_lib/moderation/message-actions";
import {
  banUser,
  muteUser,
  setRole,
  unbanUser,
  unmuteUser,
} from "@/app/_lib/moderation/user-actions";
import { getDb } from "@/db";
import { findChannelById } from "@/db/queries/channels";
import { insertMessages, listMessages } from "@/db/queries/messages";
import { findUserById } from "@/db/queries/users";
import { moderationActions, PERMANENT, type Role, type User } from "@/db/schema";
import { setRoleFromCli } from "@/db/user-role";
import { bearerHeader } from "@/party/keys";
import { makeChannel, makeUser, newClientId, restrictUser, unique } from "../support/factories";

const makeRole = (role: Role) => makeUser({ role });

// A stand-in room server that records the commands Next.js sends, so the tests can check that
// each action tells the rooms (and with the secret).
const commands: { path: string; auth: string | undefined; body: unknown }[] = [];
let roomServer: Server;
const realHost = process.env.ROOM_HOST;
beforeAll(async () => {
  roomServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      commands.push({
        path: req.url ?? "",
        auth: req.headers.authorization,
        body: JSON.parse(body),
      });
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

async function postAs(author: User, channelId: number, body = "a message") {
  const [message] = await insertMessages({
    channelId,
    items: [{ authorId: author.id, clientId: newClientId(), body }],
  });
  if (!message) throw new Error("not stored");
  return message;
}

async function auditFor(filter: {
  targetUserId?: number;
  targetChannelId?: number;
  targetMessageId?: number;
}) {
  const where = [
    filter.targetUserId ? eq(moderationActions.targetUserId, filter.targetUserId) : undefined,
    filter.targetChannelId
      ? eq(moderationActions.targetChannelId, filter.targetChannelId)
      : undefined,
    filter.targetMessageId
      ? eq(moderationActions.targetMessageId, filter.targetMessageId)
      : undefined,
  ].filter((w) => w !== undefined);
  return getDb()
    .select()
    .from(moderationActions)
    .where(and(...where))
    .orderBy(desc(moderationActions.id));
}

describe("the action guard", () => {
  it("refuses a missing or banned actor before looking at the input", async () => {
    expect(await banUser.runAs(null, {})).toEqual({ ok: false, message: "Sign in first." });
    const banned = await makeRole("admin");
    const until = new Date(Date.now() + 60_000);
    expect(
      await banUser.runAs(
        { ...banned, bannedUntil: until },
        { userId: 1, duration: "1h", reason: "x" },
      ),
    ).toEqual({ ok: false, message: "You are banned." });
  });

  it("checks the role before parsing the input, then reports field errors", async () => {
    const member = await makeRole("member");
    expect(await banUser.runAs(member, { nonsense: true })).toEqual({
      ok: false,
      message: "You are not allowed to do that.",
    });
    const mod = await makeRole("moderator");
    const result = await banUser.runAs(mod, { userId: "abc", duration: "forever", reason: "" });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.fields ?? {}).sort()).toEqual(["duration", "reason", "userId"]);
  });
});

describe("deleting and editing messages", () => {
  it("a member deletes their own message, not someone else's", async () => {
    const [channel, alice, bob] = await Promise.all([
      makeChannel(),
      makeRole("member"),
      makeRole("member"),
    ]);
    const mine = await postAs(alice, channel.id);
    const theirs = await postAs(bob, channel.id);
    expect(await deleteMessage.runAs(alice, { messageId: theirs.id, reason: "no" })).toEqual({
      ok: false,
      message: "You can only delete your own messages.",
    });
    expect(await deleteMessage.runAs(alice, { messageId: mine.id })).toMatchObject({ ok: true });
    const left = await listMessages({ channelId: channel.id, limit: 10 });
    expect(left.messages.map((m) => m.id)).toEqual([theirs.id]);
  });

  it("a moderator deletes anyone's with a reason, recorded in the audit log", async () => {
    const [channel, member, mod] = await Promise.all([
      makeChannel(),
      makeRole("member"),
      makeRole("moderator"),
    ]);
    const message = await postAs(member, channel.id, "abuse");
    expect(await deleteMessage.runAs(mod, { messageId: message.id })).toMatchObject({ ok: false });
    expect(await deleteMessage.runAs(mod, { messageId: message.id, reason: "harassment" })).toEqual(
      {
        ok: true,
        message: "Message deleted.",
      },
    );
    expect(
      await deleteMessage.runAs(mod, { messageId: message.id, reason: "again" }),
    ).toMatchObject({ ok: false });
    expect((await listMessages({ channelId: channel.id, limit: 10 })).messages).toEqual([]);
    expect(commands).toContainEqual({
      path: `/parties/main/${channel.slug}`,
      auth: await bearerHeader(process.env.PARTY_SECRET as string),
      body: { type: "deleted", id: message.id },
    });
    const [row] = await auditFor({ targetMessageId: message.id });
    expect(row).toMatchObject({
      action: "delete_message",
      actorId: mod.id,
      targetUserId: member.id,
      reason: "harassment",
    });
  });

  it("only the author edits; the edit is marked and the old text audited", async () => {
    const [channel, alice, admin] = await Promise.all([
      makeChannel(),
      makeRole("member"),
      makeRole("admin"),
    ]);
    const message = await postAs(alice, channel.id, "helo");
    expect(
      await editMessage.runAs(admin, { messageId: message.id, body: "changed" }),
    ).toMatchObject({ ok: false });
    expect(await editMessage.runAs(alice, { messageId: message.id, body: "   " })).toMatchObject({
      ok: false,
    });
    expect(await editMessage.runAs(alice, { messageId: message.id, body: "hello" })).toEqual({
      ok: true,
      message: "Message edited.",
    });
    const [stored] = (await listMessages({ channelId: channel.id, limit: 10 })).messages;
    expect(stored?.body).toBe("hello");
    expect(stored?.editedAt).not.toBeNull();
    expect(commands).toContainEqual(
      expect.objectContaining({
        body: {
          type: "edited",
          message: expect.objectContaining({ id: message.id, body: "hello" }),
        },
      }),
    );
    const [row] = await auditFor({ targetMessageId: message.id });
    expect(row?.action).toBe("edit_message");
    expect(JSON.parse(row?.details ?? "{}")).toEqual({ previous: "helo" });
  });
});

describe("edits follow the posting rules", () => {
  const edit = (author: User, messageId: number, body: string) =>
    editMessage.runAs(author, { messageId, body });
  const bodyOf = async (channelId: number) =>
    (await listMessages({ channelId, limit: 10 })).messages.map((m) => m.body);
  const editedCommands = (id: number) =>
    commands.filter(
      (c) => (c.body as { type?: string; message?: { id?: number } }).message?.id === id,
    );

  it("a muted member cannot edit an old message into anything: not stored, not broadcast", async () => {
    const [channel, alice] = await Promise.all([makeChannel(), makeRole("member")]);
    const message = await postAs(alice, channel.id, "said before the mute");
    await restrictUser(alice.id, "mute");
    const muted = (await findUserById(alice.id)) as User;
    const result = await edit(muted, message.id, "spam after the mute");
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/muted/) });
    expect(await bodyOf(channel.id)).toEqual(["said before the mute"]);
    expect(editedCommands(message.id)).toEqual([]);
  });

  it("a member cannot edit in a read-only channel; a moderator can", async () => {
    const [channel, alice, mod] = await Promise.all([
      makeChannel({ readOnly: true }),
      makeRole("member"),
      makeRole("moderator"),
    ]);
    const mine = await postAs(alice, channel.id, "from before it was read-only");
    const theirs = await postAs(mod, channel.id, "announcement");
    expect(await edit(alice, mine.id, "changed")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/read-only/),
    });
    expect(await edit(mod, theirs.id, "announcement, corrected")).toMatchObject({ ok: true });
    expect(await bodyOf(channel.id)).toEqual([
      "from before it was read-only",
      "announcement, corrected",
    ]);
  });

  it("nobody edits in an archived channel", async () => {
    const [channel, admin] = await Promise.all([makeChannel(), makeRole("admin")]);
    const message = await postAs(admin, channel.id, "old");
    expect(
      await setChannelArchived.runAs(admin, { channelId: channel.id, archived: "true" }),
    ).toMatchObject({ ok: true });
    expect(await edit(admin, message.id, "new")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/archived/),
    });
    expect(await bodyOf(channel.id)).toEqual(["old"]);
  });

  it("rate-limits edits per author: 10 a minute, the 11th refused", async () => {
    const [channel, alice] = await Promise.all([makeChannel(), makeRole("member")]);
    const message = await postAs(alice, channel.id, "v0");
    for (let i = 1; i <= 10; i++) {
      expect(await edit(alice, message.id, `v${i}`)).toMatchObject({ ok: true });
    }
    expect(await edit(alice, message.id, "v11")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too many edits/),
    });
    expect(await bodyOf(channel.id)).toEqual(["v10"]);
  });
});

describe("ban, mute and roles", () => {
  it("as member: refused; as moderator: allowed on members only; all audited", async () => {
    const [member, target, mod, otherMod, admin] = await Promise.all([
      makeRole("member"),
      makeRole("member"),
      makeRole("moderator"),
      makeRole("moderator"),
      makeRole("admin"),
    ]);
    const ban = { userId: target.id, duration: "1h", reason: "spam" };
    expect(await banUser.runAs(member, ban)).toMatchObject({ ok: false });
    expect(await banUser.runAs(mod, { ...ban, userId: otherMod.id })).toMatchObject({ ok: false });
    expect(await banUser.runAs(mod, { ...ban, userId: admin.id })).toMatchObject({ ok: false });
    const channel = await makeChannel();
    expect(await banUser.runAs(mod, ban)).toMatchObject({ ok: true });
    // Every room is told to close the banned user's sockets.
    expect(commands).toContainEqual({
      path: `/parties/main/${channel.slug}`,
      auth: await bearerHeader(process.env.PARTY_SECRET as string),
      body: { type: "kick", userId: target.id },
    });
    const banned = await findUserById(target.id);
    expect(banned?.banReason).toBe("spam");
    expect(banned?.bannedUntil?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await unbanUser.runAs(mod, { userId: target.id })).toMatchObject({ ok: true });
    expect((await findUserById(target.id))?.bannedUntil).toBeNull();

    expect(
      await muteUser.runAs(member, { userId: target.id, duration: "10m", reason: "flood" }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      await muteUser.runAs(admin, { userId: otherMod.id, duration: "permanent", reason: "flood" }),
    ).toMatchObject({
      ok: true,
    });
    expect((await findUserById(otherMod.id))?.mutedUntil?.getTime()).toBe(PERMANENT.getTime());
    expect(await unmuteUser.runAs(admin, { userId: otherMod.id })).toMatchObject({ ok: true });

    const actions = (await auditFor({ targetUserId: target.id })).map((r) => [r.action, r.actorId]);
    expect(actions).toEqual([
      ["unban", mod.id],
      ["ban", mod.id],
    ]);
    expect((await auditFor({ targetUserId: otherMod.id })).map((r) => r.action)).toEqual([
      "unmute",
      "mute",
    ]);
  });

  it("roles: admins only, not their own; moderators cannot make admins", async () => {
    const [member, mod, admin] = await Promise.all([
      makeRole("member"),
      makeRole("moderator"),
      makeRole("admin"),
    ]);
    expect(await setRole.runAs(mod, { userId: member.id, role: "admin" })).toMatchObject({
      ok: false,
    });
    expect(await setRole.runAs(member, { userId: member.id, role: "admin" })).toMatchObject({
      ok: false,
    });
    expect(await setRole.runAs(admin, { userId: admin.id, role: "member" })).toMatchObject({
      ok: false,
    });
    expect(await setRole.runAs(admin, { userId: member.id, role: "moderator" })).toMatchObject({
      ok: true,
    });
    expect((await findUserById(member.id))?.role).toBe("moderator");
    const [row] = await auditFor({ targetUserId: member.id });
    expect(JSON.parse(row?.details ?? "{}")).toEqual({ from: "member", to: "moderator" });
  });

  it("npm run user:role sets a role and audits it without an actor", async () => {
    const user = await makeRole("member");
    expect(await setRoleFromCli(user.username, "admin")).toBe("member");
    expect((await findUserById(user.id))?.role).toBe("admin");
    const [row] = await auditFor({ targetUserId: user.id });
    expect(row).toMatchObject({ action: "set_role", actorId: null });
    await expect(setRoleFromCli("no-such-user-anywhere", "admin")).rejects.toThrow("No user named");
  });
});

describe("channels", () => {
  it("admins create, update and archive; moderators and members cannot", async () => {
    const [member, mod, admin] = await Promise.all([
      makeRole("member"),
      makeRole("moderator"),
      makeRole("admin"),
    ]);
    const slug = unique("ch");
    const input = { slug, name: "Help", topic: "Ask here" };
    expect(await createChannel.runAs(member, input)).toMatchObject({ ok: false });
    expect(await createChannel.runAs(mod, input)).toMatchObject({ ok: false });
    expect(await createChannel.runAs(admin, input)).toEqual({
      ok: true,
      message: `#${slug} created.`,
    });
    expect(await createChannel.runAs(admin, input)).toMatchObject({ ok: false });
    expect(await createChannel.runAs(admin, { ...input, slug: "Bad Slug!" })).toMatchObject({
      ok: false,
    });

    const [created] = await auditFor({}).then((rows) =>
      rows.filter((r) => r.action === "create_channel"),
    );
    const channelId = created?.targetChannelId ?? 0;
    const update = {
      channelId,
      name: "Help desk",
      topic: "Questions",
      readOnly: "on",
      slowModeSeconds: "30",
    };
    expect(await updateChannel.runAs(mod, update)).toMatchObject({ ok: false });
    expect(await updateChannel.runAs(admin, update)).toMatchObject({ ok: true });
    expect(await findChannelById(channelId)).toMatchObject({
      name: "Help desk",
      readOnly: true,
      slowModeSeconds: 30,
    });
    expect(await setChannelArchived.runAs(admin, { channelId, archived: "true" })).toMatchObject({
      ok: true,
    });
    expect((await findChannelById(channelId))?.archivedAt).not.toBeNull();
    expect(await setChannelArchived.runAs(admin, { channelId, archived: "false" })).toMatchObject({
      ok: true,
    });
    expect((await findChannelById(channelId))?.archivedAt).toBeNull();
    expect((await auditFor({ targetChannelId: channelId })).map((r) => r.action)).toEqual([
      "unarchive_channel",
      "archive_channel",
      "update_channel",
      "create_channel",
    ]);
  });
});

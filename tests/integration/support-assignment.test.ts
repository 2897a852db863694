import { and, eq, isNotNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { assignConversation, assignToMe } from "@/app/_lib/support/agent-actions";
import { startOrResume } from "@/app/_lib/support/conversations";
import { getDb } from "@/db";
import {
  countAgentsOnline,
  findConversationBySlug,
  listSupportAgents,
  markOnlineUntil,
} from "@/db/queries/conversations";
import { findUserById } from "@/db/queries/users";
import { moderationActions, type Site, users } from "@/db/schema";
import { makeSite, makeUser, restrictUser, unique } from "../support/factories";

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${unique("a", 12)}`;

async function start(site: Site) {
  const result = await startOrResume({
    site,
    visitor: null,
    name: "Ada",
    email: "",
    pageUrl: "https://shop.example/",
    address: address(),
  });
  if (!result.ok) throw new Error(`start refused: ${result.reason}`);
  return result;
}

/** The agent has the inbox open for the next ten minutes, as the /support heartbeat keeps it. */
const online = (userId: number) =>
  markOnlineUntil({ userId, until: new Date(Date.now() + 600_000) });

async function audit(channelId: number) {
  return getDb()
    .select()
    .from(moderationActions)
    .where(
      and(
        eq(moderationActions.targetChannelId, channelId),
        eq(moderationActions.action, "assign_conversation"),
      ),
    )
    .orderBy(moderationActions.id);
}

// Round-robin picks among everyone online; integration files run one at a time, so clearing the
// inbox presence left by earlier tests makes this file's agents the only ones online.
beforeEach(async () => {
  await getDb()
    .update(users)
    .set({ supportOnlineUntil: null })
    .where(isNotNull(users.supportOnlineUntil));
});

describe("round-robin", () => {
  it("gives consecutive conversations to A, B, C, A and audits each as automatic", async () => {
    const site = await makeSite();
    const a = await makeUser({ role: "agent", label: "rr-a" });
    const b = await makeUser({ role: "moderator", label: "rr-b" });
    const c = await makeUser({ role: "admin", label: "rr-c" });
    for (const agent of [a, b, c]) await online(agent.id);
    expect(await countAgentsOnline()).toBe(3);

    const started = [];
    for (let i = 0; i < 4; i++) started.push(await start(site));
    expect(started.map((s) => s.conversation.assigneeId)).toEqual([a.id, b.id, c.id, a.id]);
    expect(started[0]?.conversation.assigneeName).toBe(a.displayName);

    const first = started[0];
    if (!first) throw new Error("no conversation");
    const rows = await audit(first.conversation.channelId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: null, targetUserId: first.visitor.id });
    expect(JSON.parse(rows[0]?.details ?? "{}")).toEqual({ from: null, to: a.id, auto: true });
  });

  it("skips agents who are offline, gone stale, banned, and people who do not answer support", async () => {
    const site = await makeSite();
    const [onlineAgent, offline, stale, banned, member] = await Promise.all([
      makeUser({ role: "agent", label: "rr-on" }),
      makeUser({ role: "agent", label: "rr-off" }),
      makeUser({ role: "agent", label: "rr-stale" }),
      makeUser({ role: "agent", label: "rr-ban" }),
      makeUser({ role: "member", label: "rr-member" }),
    ]);
    await online(onlineAgent.id);
    await markOnlineUntil({ userId: stale.id, until: new Date(Date.now() - 1_000) });
    await online(banned.id);
    await restrictUser(banned.id, "ban");
    // Only the heartbeat sets this, and only for agents; set by hand it still must not count.
    await online(member.id);
    const first = await start(site);
    const second = await start(site);
    expect(first.conversation.assigneeId).toBe(onlineAgent.id);
    expect(second.conversation.assigneeId).toBe(onlineAgent.id);
    expect(offline.id).toBeGreaterThan(0);
  });

  it("leaves the conversation unassigned, with no audit row, when nobody is online", async () => {
    const site = await makeSite();
    await makeUser({ role: "agent", label: "rr-idle" });
    const { conversation } = await start(site);
    expect(conversation.assigneeId).toBeNull();
    expect(await audit(conversation.channelId)).toEqual([]);
  });

  it("never gives the same turn twice: six starts at once with three agents online, two each", async () => {
    const site = await makeSite();
    const agents = await Promise.all(
      ["rr-x", "rr-y", "rr-z"].map((label) => makeUser({ role: "agent", label })),
    );
    for (const agent of agents) await online(agent.id);
    const started = await Promise.all(Array.from({ length: 6 }, () => start(site)));
    const counts = new Map<number | null, number>();
    for (const s of started) {
      const id = s.conversation.assigneeId;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(agents.map((a) => [a.id, 2])));
    // What each start returned is what was stored.
    for (const s of started) {
      const stored = await findConversationBySlug(s.conversation.slug);
      expect(stored?.assigneeId).toBe(s.conversation.assigneeId);
    }
  });

  it("counts an assignment by hand as that agent's turn, so the automatic order stays fair", async () => {
    const site = await makeSite();
    const a = await makeUser({ role: "agent", label: "rr-fa" });
    const b = await makeUser({ role: "agent", label: "rr-fb" });
    // Made while nobody is online: unassigned.
    const waiting = await start(site);
    expect(waiting.conversation.assigneeId).toBeNull();
    await online(a.id);
    await online(b.id);
    // A (never given one, lowest id) would be next; taking one by hand uses up A's turn.
    expect(await assignToMe.runAs(a, { slug: waiting.conversation.slug })).toMatchObject({
      ok: true,
    });
    expect((await start(site)).conversation.assigneeId).toBe(b.id);
    expect((await start(site)).conversation.assigneeId).toBe(a.id);
  });
});

describe("assigning to someone else", () => {
  it("assigns to another agent, unassigns, says when nothing changes, and audits from/to", async () => {
    const site = await makeSite();
    const a = await makeUser({ role: "agent", label: "as-a" });
    const b = await makeUser({ role: "agent", label: "as-b" });
    const { conversation } = await start(site);
    const slug = conversation.slug;

    expect(await assignConversation.runAs(a, { slug, assigneeId: String(b.id) })).toEqual({
      ok: true,
      message: `Assigned to ${b.displayName}.`,
    });
    expect((await findConversationBySlug(slug))?.assigneeId).toBe(b.id);
    expect((await findUserById(b.id))?.lastAssignedAt).not.toBeNull();
    expect(await assignConversation.runAs(a, { slug, assigneeId: String(b.id) })).toEqual({
      ok: true,
      message: "Nothing to change.",
    });
    expect(await assignConversation.runAs(b, { slug, assigneeId: "" })).toEqual({
      ok: true,
      message: "Conversation unassigned.",
    });
    expect((await findConversationBySlug(slug))?.assigneeId).toBeNull();
    expect(await assignConversation.runAs(b, { slug, assigneeId: "" })).toMatchObject({
      message: "Nothing to change.",
    });

    const rows = await audit(conversation.channelId);
    expect(rows.map((r) => [r.actorId, JSON.parse(r.details ?? "{}")])).toEqual([
      [a.id, { from: null, to: b.id }],
      [b.id, { from: b.id, to: null }],
    ]);
  });

  it("refuses a target who does not answer support, and actors who do not either", async () => {
    const site = await makeSite();
    const agent = await makeUser({ role: "agent", label: "as-agent" });
    const member = await makeUser({ role: "member", label: "as-member" });
    const banned = await makeUser({ role: "agent", label: "as-banned" });
    await restrictUser(banned.id, "ban");
    const { conversation, visitor } = await start(site);
    const slug = conversation.slug;
    const notAnAgent = { ok: false, message: "That person does not answer support." };

    for (const target of [member.id, visitor.id, banned.id, 2 ** 40]) {
      expect(await assignConversation.runAs(agent, { slug, assigneeId: String(target) })).toEqual(
        notAnAgent,
      );
    }
    expect((await assignConversation.runAs(agent, { slug, assigneeId: "abc" })).ok).toBe(false);
    // Members and visitors cannot even try, whatever they name.
    for (const actor of [member, visitor]) {
      expect(
        await assignConversation.runAs(actor, { slug, assigneeId: String(agent.id) }),
      ).toMatchObject({ ok: false, message: "You are not allowed to do that." });
    }
    expect(await assignConversation.runAs(null, { slug, assigneeId: "" })).toMatchObject({
      ok: false,
    });
    expect((await findConversationBySlug(slug))?.assigneeId).toBeNull();
    expect(await audit(conversation.channelId)).toEqual([]);
  });

  it("lists the people who answer support, and not members, visitors or the banned", async () => {
    const site = await makeSite();
    const agent = await makeUser({ role: "agent", label: "ls-agent" });
    const admin = await makeUser({ role: "admin", label: "ls-admin" });
    const member = await makeUser({ role: "member", label: "ls-member" });
    const banned = await makeUser({ role: "moderator", label: "ls-banned" });
    await restrictUser(banned.id, "ban");
    const { visitor } = await start(site);
    const ids = new Set((await listSupportAgents()).map((a) => a.id));
    expect(ids.has(agent.id)).toBe(true);
    expect(ids.has(admin.id)).toBe(true);
    expect(ids.has(member.id)).toBe(false);
    expect(ids.has(banned.id)).toBe(false);
    expect(ids.has(visitor.id)).toBe(false);
  });
});

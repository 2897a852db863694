/**
 * The agents' inbox against MySQL: which conversations each list holds, the counts per list,
 * each row's unread count (the visitor's messages after agent_seen_id, not the agents' own and
 * not deleted ones), the newest-message preview, and who the live inbox event goes to.
 */
import { describe, expect, it } from "vitest";
import { deleteMessage } from "@/app/_lib/moderation/message-actions";
import { storeBatch } from "@/app/_lib/store-batch";
import {
  assignToMe,
  closeConversation,
  markAgentSeen,
  reopenConversation,
} from "@/app/_lib/support/agent-actions";
import { startOrResume } from "@/app/_lib/support/conversations";
import {
  countConversationViews,
  type InboxRow,
  type InboxView,
  listConversations,
  markOnlineUntil,
  supportOnlineIds,
} from "@/db/queries/conversations";
import { findUserById } from "@/db/queries/users";
import type { Site, User } from "@/db/schema";
import { makeSite, makeUser, newClientId, unique } from "../support/factories";

async function startConversation(site: Site, name = "Ada") {
  const result = await startOrResume({
    site,
    visitor: null,
    name,
    email: "",
    pageUrl: "https://shop.example/",
    address: unique("addr", 40),
  });
  if (!result.ok) throw new Error(`start refused: ${result.reason}`);
  return result;
}

async function say(slug: string, authorId: number, body: string) {
  const [result] = await storeBatch({
    channel: slug,
    messages: [{ authorId, clientId: newClientId(), body }],
  });
  if (!result?.ok) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.message;
}

const list = (view: InboxView, agent: User) =>
  listConversations({ view, agentId: agent.id, limit: 100 });

const rowOf = (rows: InboxRow[], slug: string) => rows.find((r) => r.slug === slug);

describe("the inbox lists", () => {
  it("sorts conversations into open, mine, unassigned and closed, and counts each", async () => {
    const site = await makeSite();
    const agent = await makeUser({ role: "agent" });
    const other = await makeUser({ role: "agent" });
    const before = await countConversationViews(agent.id);

    const mine = await startConversation(site, "Mine");
    const theirs = await startConversation(site, "Theirs");
    const nobodys = await startConversation(site, "Nobody's");
    const closed = await startConversation(site, "Closed");
    expect((await assignToMe.runAs(agent, { slug: mine.conversation.slug })).ok).toBe(true);
    expect((await assignToMe.runAs(other, { slug: theirs.conversation.slug })).ok).toBe(true);
    expect((await closeConversation.runAs(agent, { slug: closed.conversation.slug })).ok).toBe(
      true,
    );

    const slugs = async (view: InboxView) => (await list(view, agent)).map((r) => r.slug);
    const [open, mineList, unassigned, closedList] = await Promise.all([
      slugs("open"),
      slugs("mine"),
      slugs("unassigned"),
      slugs("closed"),
    ]);
    expect(open).toEqual(
      expect.arrayContaining([mine, theirs, nobodys].map((c) => c.conversation.slug)),
    );
    expect(open).not.toContain(closed.conversation.slug);
    expect(mineList).toEqual([mine.conversation.slug]);
    expect(unassigned).toContain(nobodys.conversation.slug);
    expect(unassigned).not.toContain(mine.conversation.slug);
    expect(unassigned).not.toContain(theirs.conversation.slug);
    expect(closedList).toContain(closed.conversation.slug);
    expect(closedList).not.toContain(nobodys.conversation.slug);

    // Files run one at a time, so nothing else changed the lists meanwhile.
    const after = await countConversationViews(agent.id);
    expect(after).toEqual({
      open: before.open + 3,
      mine: 1,
      unassigned: before.unassigned + 1,
      closed: before.closed + 1,
    });
    expect(await countConversationViews(other.id)).toMatchObject({ mine: 1 });

    // Reopened, it is open (and nobody's) again.
    await reopenConversation.runAs(agent, { slug: closed.conversation.slug });
    expect(await countConversationViews(agent.id)).toMatchObject({
      open: before.open + 4,
      closed: before.closed,
      unassigned: before.unassigned + 2,
    });
  });

  it("orders by newest activity and previews the newest message", async () => {
    const site = await makeSite();
    const agent = await makeUser({ role: "agent" });
    const older = await startConversation(site, "Older");
    const newer = await startConversation(site, "Newer");
    await say(newer.conversation.slug, newer.visitor.id, "first");
    await say(older.conversation.slug, older.visitor.id, "line one\nline two");
    const rows = await list("open", agent);
    const slugs = rows.map((r) => r.slug);
    expect(slugs.indexOf(older.conversation.slug)).toBeLessThan(
      slugs.indexOf(newer.conversation.slug),
    );
    const row = rowOf(rows, older.conversation.slug);
    expect(row).toMatchObject({ preview: "line one\nline two", previewDeleted: false });
    expect(row?.lastActivityAt.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const long = await say(newer.conversation.slug, agent.id, "x".repeat(2000));
    const longRow = rowOf(await list("open", agent), newer.conversation.slug);
    expect(longRow?.preview?.length).toBeLessThanOrEqual(160);
    await deleteMessage.runAs(agent, { messageId: long.id, reason: "" });
    expect(rowOf(await list("open", agent), newer.conversation.slug)).toMatchObject({
      preview: null,
      previewDeleted: true,
    });
    const silent = await startConversation(site, "Silent");
    expect(rowOf(await list("open", agent), silent.conversation.slug)).toMatchObject({
      preview: null,
      previewDeleted: false,
      unread: 0,
    });
  });
});

describe("unread per conversation", () => {
  it("counts the visitor's messages after agent_seen_id, not the agents' own or deleted ones", async () => {
    const site = await makeSite();
    const agent = await makeUser({ role: "agent" });
    const { conversation, visitor } = await startConversation(site);
    const unread = async () => rowOf(await list("open", agent), conversation.slug)?.unread;
    expect(await unread()).toBe(0);

    const first = await say(conversation.slug, visitor.id, "one");
    await say(conversation.slug, visitor.id, "two");
    const third = await say(conversation.slug, visitor.id, "three");
    expect(await unread()).toBe(3);

    // An agent's answer is not unread for the agents.
    await say(conversation.slug, agent.id, "on it");
    expect(await unread()).toBe(3);

    // A deleted visitor message stops counting (a moderator may delete anyone's).
    const moderator = await makeUser({ role: "moderator" });
    expect((await deleteMessage.runAs(moderator, { messageId: first.id, reason: "spam" })).ok).toBe(
      true,
    );
    expect(await unread()).toBe(2);

    // An agent's page held the newest: nothing is unread, for every agent (shared position).
    expect((await markAgentSeen.runAs(agent, { slug: conversation.slug, id: third.id })).ok).toBe(
      true,
    );
    expect(await unread()).toBe(0);
    const colleague = await makeUser({ role: "agent" });
    const seenByColleague = rowOf(
      await listConversations({ view: "unassigned", agentId: colleague.id, limit: 100 }),
      conversation.slug,
    );
    expect(seenByColleague?.unread).toBe(0);

    await say(conversation.slug, visitor.id, "four");
    expect(await unread()).toBe(1);
  });
});

describe("who the inbox event goes to", () => {
  it("online people who answer support only: no member, no visitor, no one offline", async () => {
    const site = await makeSite();
    const soon = new Date(Date.now() + 60_000);
    const agent = await makeUser({ role: "agent" });
    const moderator = await makeUser({ role: "moderator" });
    const member = await makeUser();
    const away = await makeUser({ role: "agent" });
    const { visitor } = await startConversation(site);
    for (const u of [agent, moderator, member, visitor]) {
      await markOnlineUntil({ userId: u.id, until: soon });
    }
    expect((await findUserById(visitor.id))?.supportOnlineUntil).not.toBeNull();
    const ids = await supportOnlineIds();
    expect(ids).toEqual(expect.arrayContaining([agent.id, moderator.id]));
    expect(ids).not.toContain(member.id);
    expect(ids).not.toContain(visitor.id);
    expect(ids).not.toContain(away.id);
  });
});

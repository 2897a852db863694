import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { deleteMessage, editMessage } from "@/app/_lib/moderation/message-actions";
import { toggleReaction } from "@/app/_lib/reactions/toggle-reaction";
import { storeBatch } from "@/app/_lib/store-batch";
import { banVisitor, closeConversation } from "@/app/_lib/support/agent-actions";
import { startOrResume } from "@/app/_lib/support/conversations";
import { STARTS_PER_ADDRESS, STARTS_PER_VISITOR } from "@/app/_lib/support/limits";
import { openableRoom } from "@/app/_lib/support/room-access";
import { createConversation, findConversationBySlug, setStatus } from "@/db/queries/conversations";
import { findMessage } from "@/db/queries/messages";
import { setUserRole } from "@/db/queries/users";
import { addressBannedUntil, findVisitor } from "@/db/queries/visitors";
import type { Site } from "@/db/schema";
import {
  makeChannel,
  makeSite,
  makeUser,
  newClientId,
  restrictUser,
  unique,
} from "../support/factories";

const address = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${unique("a", 12)}`;

async function start(site: Site, overrides: Partial<Parameters<typeof startOrResume>[0]> = {}) {
  return startOrResume({
    site,
    visitor: null,
    name: "Ada",
    email: "ada@example.com",
    pageUrl: "https://shop.example/pricing",
    address: address(),
    ...overrides,
  });
}

async function started(site: Site, overrides: Partial<Parameters<typeof startOrResume>[0]> = {}) {
  const result = await start(site, overrides);
  if (!result.ok) throw new Error(`start refused: ${result.reason}`);
  return result;
}

async function identity(secret: string, sub: string, lifeS = 300) {
  return new SignJWT({ name: "Verified Vera", email: "vera@example.com" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifeS)
    .sign(new TextEncoder().encode(secret));
}

const send = (slug: string, authorId: number, body = "hello") =>
  storeBatch({ channel: slug, messages: [{ authorId, clientId: newClientId(), body }] });

describe("starting and resuming", () => {
  it("creates a visitor row and a conversation, then resumes it for the same visitor", async () => {
    const site = await makeSite();
    const first = await started(site, { address: "192.0.2.7" });
    expect(first.created).toBe(true);
    expect(first.visitor.visitorSiteId).toBe(site.id);
    expect(first.visitor.passwordHash).toBeNull();
    expect(first.visitor.username).toMatch(/^v_/);
    expect(first.conversation).toMatchObject({
      status: "open",
      visitorName: "Ada",
      visitorEmail: "ada@example.com",
      pageUrl: "https://shop.example/pricing",
      visitorAddress: "192.0.2.7",
      verified: false,
    });
    const again = await started(site, { visitor: first.visitor, name: "", email: "" });
    expect(again.created).toBe(false);
    expect(again.conversation.slug).toBe(first.conversation.slug);
    // Closed: the next start is a new conversation.
    await setStatus({ channelId: first.conversation.channelId, status: "closed" });
    const next = await started(site, { visitor: first.visitor });
    expect(next.conversation.slug).not.toBe(first.conversation.slug);
  });

  it("limits starts per visitor and per address", async () => {
    const site = await makeSite();
    const from = address();
    const first = await started(site, { address: from });
    let visitor = first.visitor;
    await setStatus({ channelId: first.conversation.channelId, status: "closed" });
    for (let i = 1; i < STARTS_PER_VISITOR; i++) {
      const r = await started(site, { visitor, address: from });
      visitor = r.visitor;
      await setStatus({ channelId: r.conversation.channelId, status: "closed" });
    }
    expect(await start(site, { visitor, address: from })).toEqual({
      ok: false,
      reason: "too_many_from_visitor",
    });
    // New visitors from the same address, up to the address's limit.
    for (let i = STARTS_PER_VISITOR; i < STARTS_PER_ADDRESS; i++)
      await started(site, { address: from });
    expect(await start(site, { address: from })).toEqual({
      ok: false,
      reason: "too_many_from_address",
    });
    // Another address is not held back.
    expect((await start(site)).ok).toBe(true);
  });

  it("refuses a banned visitor and a banned address", async () => {
    const site = await makeSite();
    const first = await started(site);
    await restrictUser(first.visitor.id, "ban");
    const banned = await findVisitor({ id: first.visitor.id, siteId: site.id });
    expect(await start(site, { visitor: banned })).toMatchObject({ ok: false, reason: "banned" });

    const agent = await makeUser({ role: "agent" });
    const other = await started(site, { address: "198.51.100.9" });
    const result = await banVisitor.runAs(agent, { slug: other.conversation.slug, reason: "spam" });
    expect(result.ok).toBe(true);
    expect(await addressBannedUntil({ siteId: site.id, address: "198.51.100.9" })).not.toBeNull();
    expect(await start(site, { address: "198.51.100.9" })).toMatchObject({
      ok: false,
      reason: "banned",
    });
    // The ban is per site.
    expect((await start(await makeSite(), { address: "198.51.100.9" })).ok).toBe(true);
  });

  it("needs a valid identity on a site that requires one, and resumes by the site's user id", async () => {
    const site = await makeSite({ requireVerified: true });
    expect(await start(site)).toEqual({ ok: false, reason: "verification_required" });
    const forged = await identity("not-the-secret", "user-1");
    expect(await start(site, { identityToken: forged })).toEqual({
      ok: false,
      reason: "bad_identity",
    });
    const expired = await identity(site.secret, "user-1", -60);
    expect(await start(site, { identityToken: expired })).toEqual({
      ok: false,
      reason: "bad_identity",
    });
    const tooLong = await identity(site.secret, "user-1", 3600);
    expect(await start(site, { identityToken: tooLong })).toEqual({
      ok: false,
      reason: "bad_identity",
    });

    const sub = unique("customer");
    const first = await started(site, { identityToken: await identity(site.secret, sub) });
    expect(first.conversation).toMatchObject({
      verified: true,
      externalId: sub,
      visitorName: "Verified Vera",
    });
    // Another browser (no visitor session) with a fresh token for the same person resumes it.
    const elsewhere = await started(site, { identityToken: await identity(site.secret, sub) });
    expect(elsewhere.created).toBe(false);
    expect(elsewhere.conversation.slug).toBe(first.conversation.slug);
    expect(elsewhere.visitor.id).toBe(first.visitor.id);
  });
});

describe("the store path for conversations", () => {
  it("stores the visitor's and the agent's messages and moves last_message_id on", async () => {
    const site = await makeSite();
    const { conversation, visitor } = await started(site);
    const agent = await makeUser({ role: "agent" });
    const [mine] = await send(conversation.slug, visitor.id, "I need help");
    const [theirs] = await send(conversation.slug, agent.id, "Happy to help");
    expect(mine?.ok && theirs?.ok).toBe(true);
    const after = await findConversationBySlug(conversation.slug);
    expect(after?.lastMessageId).toBe(theirs?.ok ? theirs.message.id : -1);
  });

  it("refuses members, other visitors, a closed conversation and visitors in channels", async () => {
    const site = await makeSite();
    const { conversation, visitor } = await started(site);
    const other = await started(site);
    const member = await makeUser();
    expect(await send(conversation.slug, member.id)).toMatchObject([
      { ok: false, reason: "invalid" },
    ]);
    expect(await send(conversation.slug, other.visitor.id)).toMatchObject([
      { ok: false, reason: "invalid" },
    ]);
    const channel = await makeChannel();
    expect(await send(channel.slug, visitor.id)).toMatchObject([{ ok: false, reason: "invalid" }]);

    const agent = await makeUser({ role: "agent" });
    expect((await closeConversation.runAs(agent, { slug: conversation.slug })).ok).toBe(true);
    expect(await send(conversation.slug, visitor.id)).toMatchObject([
      { ok: false, reason: "closed" },
    ]);
    expect(await send(conversation.slug, agent.id)).toMatchObject([
      { ok: false, reason: "closed" },
    ]);
  });

  it("never lets an unverified visitor's message through on a site that requires verification", async () => {
    const site = await makeSite({ requireVerified: true });
    const visitorRow = (await started(await makeSite())).visitor;
    // An unverified conversation on a strict site (made before the site turned strict, say).
    const conversation = await createConversation({
      siteId: site.id,
      visitorId: visitorRow.id,
      visitorName: "",
      visitorEmail: "",
      verified: false,
      externalId: null,
      pageUrl: "",
      visitorAddress: "203.0.113.1",
    });
    expect(await send(conversation.slug, visitorRow.id)).toMatchObject([
      { ok: false, reason: "invalid" },
    ]);
  });
});

describe("who reaches a conversation", () => {
  it("gives its room to its visitor and agents only", async () => {
    const site = await makeSite();
    const { conversation, visitor } = await started(site);
    const other = await started(site);
    const [member, agent, moderator] = await Promise.all([
      makeUser(),
      makeUser({ role: "agent" }),
      makeUser({ role: "moderator" }),
    ]);
    expect(await openableRoom(conversation.slug, member)).toBeNull();
    expect(await openableRoom(conversation.slug, other.visitor)).toBeNull();
    expect((await openableRoom(conversation.slug, visitor))?.id).toBe(conversation.channelId);
    expect((await openableRoom(conversation.slug, agent))?.id).toBe(conversation.channelId);
    expect((await openableRoom(conversation.slug, moderator))?.id).toBe(conversation.channelId);
    // A visitor never opens a community channel.
    const channel = await makeChannel();
    expect(await openableRoom(channel.slug, visitor)).toBeNull();
    expect((await openableRoom(channel.slug, member))?.id).toBe(channel.id);
  });

  it("refuses message actions on a conversation's message to someone who may not open it", async () => {
    const site = await makeSite();
    const { conversation, visitor } = await started(site);
    // Once an agent, now a member again: their old answer in the conversation is out of reach.
    const former = await makeUser({ role: "agent" });
    const [visitorSaid] = await send(conversation.slug, visitor.id, "my order number is 42");
    const [agentSaid] = await send(conversation.slug, former.id, "thanks");
    if (!visitorSaid?.ok || !agentSaid?.ok) throw new Error("not stored");
    await setUserRole({ userId: former.id, role: "member" });
    const demoted = { ...former, role: "member" as const };
    const member = await makeUser();

    const edit = await editMessage.runAs(demoted, {
      messageId: agentSaid.message.id,
      body: "changed",
    });
    expect(edit.ok).toBe(false);
    const del = await deleteMessage.runAs(member, {
      messageId: visitorSaid.message.id,
      reason: "x",
    });
    expect(del.ok).toBe(false);
    const ownDelete = await deleteMessage.runAs(demoted, {
      messageId: agentSaid.message.id,
      reason: "",
    });
    expect(ownDelete.ok).toBe(false);
    const react = await toggleReaction.runAs(member, {
      messageId: visitorSaid.message.id,
      emoji: "👍",
    });
    expect(react.ok).toBe(false);
    // The refusals say what a missing message would: nothing about the conversation.
    expect(react.message).toBe(
      (await toggleReaction.runAs(member, { messageId: 9_007_199_254_740_000, emoji: "👍" }))
        .message,
    );
    expect((await findMessage(agentSaid.message.id))?.body).toBe("thanks");
    expect((await findMessage(visitorSaid.message.id))?.deletedAt).toBeNull();

    // An agent may still react (the same path members use in channels).
    const agent = await makeUser({ role: "agent" });
    const agentReact = await toggleReaction.runAs(agent, {
      messageId: visitorSaid.message.id,
      emoji: "👍",
    });
    expect(agentReact.ok).toBe(true);
  });

  it("lets an agent delete a visitor's message in a conversation, never a member's in a channel", async () => {
    const site = await makeSite();
    const { conversation, visitor } = await started(site);
    const agent = await makeUser({ role: "agent" });
    const [abuse] = await send(conversation.slug, visitor.id, "abuse");
    if (!abuse?.ok) throw new Error("not stored");
    // Someone else's message needs a reason, as for moderators in channels.
    const bare = await deleteMessage.runAs(agent, { messageId: abuse.message.id, reason: "" });
    expect(bare.ok).toBe(false);
    const removed = await deleteMessage.runAs(agent, {
      messageId: abuse.message.id,
      reason: "spam",
    });
    expect(removed.ok).toBe(true);
    expect((await findMessage(abuse.message.id))?.deletedAt).not.toBeNull();

    const channel = await makeChannel();
    const member = await makeUser();
    const [said] = await send(channel.slug, member.id, "a member's word");
    if (!said?.ok) throw new Error("not stored");
    const refused = await deleteMessage.runAs(agent, { messageId: said.message.id, reason: "x" });
    expect(refused.ok).toBe(false);
    expect((await findMessage(said.message.id))?.deletedAt).toBeNull();
  });
});

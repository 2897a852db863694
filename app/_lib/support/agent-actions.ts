import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import {
  advanceSeen,
  type ConversationRecord,
  findConversationBySlug,
  setAssignee,
  setStatus,
  stampAssigned,
} from "@/db/queries/conversations";
import { recordAction } from "@/db/queries/moderation";
import { findUserById, setRestriction } from "@/db/queries/users";
import { banAddress } from "@/db/queries/visitors";
import type { User } from "@/db/schema";
import { msg } from "../../_i18n/message";
import { defineAction, Refused } from "../guarded-action";
import { optionalReason } from "../moderation/schemas";
import { isBanned } from "../restrictions";
import { notifyRoom } from "../room-notify";
import { answersSupport } from "./access";
import { tellConversationState } from "./conversation-state";
import { notifyInboxLater } from "./inbox-notify";

/** How long "Ban visitor" bans the visitor and their address on the site. */
export const VISITOR_BAN_MS = 30 * 24 * 60 * 60 * 1000;

const slug = z.string().min(1).max(64);

/** The conversation an agent acts on; a member or a wrong slug learns nothing. */
async function conversationFor(
  actor: Parameters<typeof answersSupport>[0],
  s: string,
): Promise<ConversationRecord> {
  const conversation = await findConversationBySlug(s);
  if (!conversation || !answersSupport(actor)) throw new Refused("support.actions.noConversation");
  return conversation;
}

/**
 * Gives the conversation to `to` (null: nobody) and audits it with from/to. Someone given one
 * by hand has their round-robin turn stamped too, so the automatic order stays fair.
 */
async function reassign(actor: User, conversation: ConversationRecord, to: number | null) {
  await getDb().transaction(async (tx) => {
    await setAssignee({ db: tx, channelId: conversation.channelId, assigneeId: to });
    if (to !== null) await stampAssigned({ db: tx, userId: to });
    await recordAction({
      db: tx,
      actorId: actor.id,
      action: "assign_conversation",
      targetUserId: conversation.visitorId,
      targetChannelId: conversation.channelId,
      details: { from: conversation.assigneeId, to },
    });
  });
  notifyInboxLater();
}

/** Takes the conversation: the agent's name shows as its assignee. */
export const assignToMe = defineAction({
  minRole: "agent",
  schema: z.object({ slug }),
  async run({ actor, input }) {
    const conversation = await conversationFor(actor, input.slug);
    if (conversation.assigneeId === actor.id) return msg("support.actions.alreadyThat");
    await reassign(actor, conversation, actor.id);
    return msg("support.actions.assigned");
  },
});

/** The form's choice: a user id, or "" for nobody. */
const assigneeChoice = z.union([
  z.literal("").transform(() => null),
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
]);

/**
 * Assigns the conversation to another person who answers support, or unassigns it. The target
 * is checked here, whatever the form offered: a member, a visitor row, a banned agent or a
 * missing id is refused.
 */
export const assignConversation = defineAction({
  minRole: "agent",
  schema: z.object({ slug, assigneeId: assigneeChoice }),
  async run({ actor, input }) {
    const conversation = await conversationFor(actor, input.slug);
    const target = input.assigneeId === null ? null : await findUserById(input.assigneeId);
    if (input.assigneeId !== null && (!target || !answersSupport(target) || isBanned(target)))
      throw new Refused("support.actions.notAnAgent");
    if (conversation.assigneeId === input.assigneeId) return msg("support.actions.alreadyThat");
    await reassign(actor, conversation, target?.id ?? null);
    return target
      ? msg("support.actions.assignedTo", { name: target.displayName })
      : msg("support.actions.unassignedDone");
  },
});

function statusAction(status: "open" | "closed") {
  return defineAction({
    minRole: "agent",
    schema: z.object({ slug }),
    async run({ actor, input }) {
      const conversation = await conversationFor(actor, input.slug);
      const changed = await getDb().transaction(async (tx) => {
        if (!(await setStatus({ db: tx, channelId: conversation.channelId, status }))) return false;
        await recordAction({
          db: tx,
          actorId: actor.id,
          action: status === "closed" ? "close_conversation" : "reopen_conversation",
          targetUserId: conversation.visitorId,
          targetChannelId: conversation.channelId,
        });
        return true;
      });
      if (!changed) return msg("support.actions.alreadyThat");
      await tellConversationState(conversation.slug);
      notifyInboxLater();
      return msg(status === "closed" ? "support.actions.closedDone" : "support.actions.reopened");
    },
  });
}

/** Closes a conversation: the store refuses anything more in it until it is reopened. */
export const closeConversation = statusAction("closed");
export const reopenConversation = statusAction("open");

/**
 * Bans the conversation's visitor (their row, so every send and token is refused) and their
 * address on this site (so a fresh visitor from there cannot start again), for 30 days; the
 * visitor's socket is closed at once.
 */
export const banVisitor = defineAction({
  minRole: "agent",
  schema: z.object({ slug, reason: optionalReason }),
  async run({ actor, input }) {
    const conversation = await conversationFor(actor, input.slug);
    const until = new Date(Date.now() + VISITOR_BAN_MS);
    await getDb().transaction(async (tx) => {
      await setRestriction({
        db: tx,
        kind: "ban",
        userId: conversation.visitorId,
        until,
        reason: input.reason || null,
      });
      if (conversation.visitorAddress) {
        await banAddress({
          db: tx,
          siteId: conversation.siteId,
          address: conversation.visitorAddress,
          until,
          reason: input.reason,
          createdBy: actor.id,
        });
      }
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "ban_visitor",
        targetUserId: conversation.visitorId,
        targetChannelId: conversation.channelId,
        reason: input.reason,
        details: { until: until.toISOString(), address: conversation.visitorAddress },
      });
    });
    await notifyRoom(conversation.slug, { type: "kick", userId: conversation.visitorId });
    return msg("support.actions.banned");
  },
});

/** The agent's page read the conversation up to `id`: the visitor sees "Seen". */
export const markAgentSeen = defineAction({
  minRole: "agent",
  schema: z.object({ slug, id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  async run({ actor, input }) {
    const conversation = await conversationFor(actor, input.slug);
    // Pages report every newest message they hold; only news goes on to the room.
    if (input.id <= conversation.agentSeenId) return msg("support.actions.alreadyThat");
    await advanceSeen({ channelId: conversation.channelId, side: "agent", id: input.id });
    await tellConversationState(conversation.slug);
    notifyInboxLater();
    return msg("support.actions.alreadyThat");
  },
});

import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import {
  editMessageBody,
  findMessage,
  recentEditTimes,
  softDeleteMessage,
} from "@/db/queries/messages";
import { recordAction } from "@/db/queries/moderation";
import { MAX_BODY_CHARS } from "@/party/protocol";
import { type Msg, msg } from "../../_i18n/message";
import { defineAction, Refused } from "../guarded-action";
import { recordEditedMentions } from "../mentions/record";
import { canDeleteMessage, canEditMessage } from "../permissions";
import { type PostingVerdict, postingVerdict } from "../posting-verdict";
import { notifyRoom } from "../room-notify";
import { mayTouchMessage } from "../support/access";
import { fanOutRecount } from "../unread/activity-fan-out";
import { afterResponse } from "../unread/after-response";
import { describeUntil } from "./durations";
import { id, optionalReason } from "./schemas";
import { SYSTEM_REASONS } from "./system-reasons";

/** Deletes a message (soft): moderators any, members their own; gone live from every page. */
export const deleteMessage = defineAction({
  minRole: "member",
  schema: z.object({ messageId: id, reason: optionalReason }),
  async run({ actor, input }) {
    const found = await findMessage(input.messageId);
    // A conversation's message someone may not open is, for them, no message at all.
    const message = found && mayTouchMessage(actor, found) ? found : null;
    if (!message || message.deletedAt) throw new Refused("chat.actions.alreadyDeleted");
    if (!canDeleteMessage(actor, message)) throw new Refused("chat.actions.deleteOwnOnly");
    const own = message.authorId === actor.id;
    if (!own && !input.reason) throw new Refused("chat.actions.reasonRequired");
    await getDb().transaction(async (tx) => {
      const deleted = await softDeleteMessage({
        db: tx,
        id: message.id,
        deletedBy: actor.id,
        reason: input.reason,
      });
      if (!deleted) throw new Refused("chat.actions.alreadyDeleted");
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "delete_message",
        targetUserId: message.authorId,
        targetMessageId: message.id,
        targetChannelId: message.channelId,
        reason: input.reason || (own ? SYSTEM_REASONS.deletedByAuthor : ""),
      });
    });
    await notifyRoom(message.channelSlug, { type: "deleted", id: message.id });
    // Sidebars may count it as unread: community channels only (nobody's sidebar lists a
    // support conversation).
    if (message.channelKind === "channel") afterResponse(() => fanOutRecount(message.channelSlug));
    return msg("chat.actions.deleted");
  },
});

/**
 * Edits a person may make in EDIT_WINDOW_MS. Counted from the audit log, which every edit writes
 * to: a limit shared by all app instances and kept across restarts, with no table of its own.
 */
export const EDIT_LIMIT = 10;
export const EDIT_WINDOW_MS = 60_000;

/** The words for a refused edit: the same reasons a new message gets, said for an edit. */
function refusal(verdict: NonNullable<PostingVerdict>): Msg {
  if (verdict.reason === "invalid") return msg("chat.actions.archived");
  if ((verdict.reason === "muted" || verdict.reason === "banned") && verdict.until) {
    return msg("chat.actions.restrictedUntil", {
      reason: msg(`common.reject.${verdict.reason}`),
      until: describeUntil(verdict.until),
    });
  }
  return msg(`common.reject.${verdict.reason}`, { max: MAX_BODY_CHARS });
}

/**
 * Edits one's own message; the page shows it as edited, and the old text stays in the audit log.
 * An edit puts words in a channel as a new message does, so the same rules apply (mute, ban,
 * read-only, archived, body limits), and edits are rate-limited per person.
 */
export const editMessage = defineAction({
  minRole: "member",
  schema: z.object({ messageId: id, body: z.string() }),
  async run({ actor, input }) {
    const found = await findMessage(input.messageId);
    const message = found && mayTouchMessage(actor, found) ? found : null;
    if (!message || message.deletedAt) throw new Refused("chat.actions.wasDeleted");
    if (!canEditMessage(actor, message)) throw new Refused("chat.actions.editOwnOnly");
    const now = Date.now();
    const verdict = postingVerdict({
      author: actor,
      channel: { readOnly: message.channelReadOnly, archivedAt: message.channelArchivedAt },
      body: input.body,
      now,
    });
    if (verdict) throw new Refused(refusal(verdict));
    if (message.body === input.body) return msg("chat.actions.noChanges");
    const recent = await recentEditTimes({ authorId: actor.id, limit: EDIT_LIMIT });
    if (recent.filter((at) => at.getTime() > now - EDIT_WINDOW_MS).length >= EDIT_LIMIT) {
      throw new Refused("chat.actions.tooManyEdits");
    }
    const edited = await getDb().transaction(async (tx) => {
      const updated = await editMessageBody({ db: tx, id: message.id, body: input.body });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "edit_message",
        targetUserId: message.authorId,
        targetMessageId: message.id,
        targetChannelId: message.channelId,
        details: { previous: message.body },
      });
      return updated;
    });
    if (edited) {
      await notifyRoom(message.channelSlug, { type: "edited", message: edited });
      await recordEditedMentions({ id: message.channelId, slug: message.channelSlug }, edited);
    }
    return msg("chat.actions.edited");
  },
});

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
import { REJECT_TEXT } from "@/party/protocol";
import { defineAction, Refused } from "../guarded-action";
import { canDeleteMessage, canEditMessage } from "../permissions";
import { type PostingVerdict, postingVerdict } from "../posting-verdict";
import { notifyRoom } from "../room-notify";
import { describeUntil } from "./durations";
import { id, optionalReason } from "./schemas";

/** Deletes a message (soft): moderators any, members their own; gone live from every page. */
export const deleteMessage = defineAction({
  minRole: "member",
  schema: z.object({ messageId: id, reason: optionalReason }),
  async run({ actor, input }) {
    const message = await findMessage(input.messageId);
    if (!message || message.deletedAt) throw new Refused("That message was already deleted.");
    if (!canDeleteMessage(actor, message))
      throw new Refused("You can only delete your own messages.");
    const own = message.authorId === actor.id;
    if (!own && !input.reason)
      throw new Refused("Give a reason for deleting someone else's message.");
    await getDb().transaction(async (tx) => {
      const deleted = await softDeleteMessage({
        db: tx,
        id: message.id,
        deletedBy: actor.id,
        reason: input.reason,
      });
      if (!deleted) throw new Refused("That message was already deleted.");
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "delete_message",
        targetUserId: message.authorId,
        targetMessageId: message.id,
        targetChannelId: message.channelId,
        reason: input.reason || (own ? "deleted by its author" : ""),
      });
    });
    await notifyRoom(message.channelSlug, { type: "deleted", id: message.id });
    return "Message deleted.";
  },
});

/**
 * Edits a person may make in EDIT_WINDOW_MS. Counted from the audit log, which every edit writes
 * to: a limit shared by all app instances and kept across restarts, with no table of its own.
 */
export const EDIT_LIMIT = 10;
export const EDIT_WINDOW_MS = 60_000;

/** The words for a refused edit: the same reasons a new message gets, said for an edit. */
function refusal(verdict: NonNullable<PostingVerdict>): string {
  if (verdict.reason === "invalid") return "This channel is archived; its messages cannot change.";
  if ((verdict.reason === "muted" || verdict.reason === "banned") && verdict.until) {
    return `${REJECT_TEXT[verdict.reason]} ${describeUntil(verdict.until)}.`;
  }
  return REJECT_TEXT[verdict.reason];
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
    const message = await findMessage(input.messageId);
    if (!message || message.deletedAt) throw new Refused("That message was deleted.");
    if (!canEditMessage(actor, message)) throw new Refused("You can only edit your own messages.");
    const now = Date.now();
    const verdict = postingVerdict({
      author: actor,
      channel: { readOnly: message.channelReadOnly, archivedAt: message.channelArchivedAt },
      body: input.body,
      now,
    });
    if (verdict) throw new Refused(refusal(verdict));
    if (message.body === input.body) return "No changes.";
    const recent = await recentEditTimes({ authorId: actor.id, limit: EDIT_LIMIT });
    if (recent.filter((at) => at.getTime() > now - EDIT_WINDOW_MS).length >= EDIT_LIMIT) {
      throw new Refused("Slow down: too many edits in a short time. Try again in a minute.");
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
    if (edited) await notifyRoom(message.channelSlug, { type: "edited", message: edited });
    return "Message edited.";
  },
});

import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import { editMessageBody, findMessage, softDeleteMessage } from "@/db/queries/messages";
import { recordAction } from "@/db/queries/moderation";
import { checkBody, REJECT_TEXT } from "@/party/protocol";
import { defineAction, Refused } from "../guarded-action";
import { canDeleteMessage, canEditMessage } from "../permissions";
import { notifyRoom } from "../room-notify";
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

/** Edits one's own message; the page shows it as edited, and the old text stays in the audit log. */
export const editMessage = defineAction({
  minRole: "member",
  schema: z.object({ messageId: id, body: z.string() }),
  async run({ actor, input }) {
    const problem = checkBody(input.body);
    if (problem) throw new Refused(REJECT_TEXT[problem]);
    const message = await findMessage(input.messageId);
    if (!message || message.deletedAt) throw new Refused("That message was deleted.");
    if (!canEditMessage(actor, message)) throw new Refused("You can only edit your own messages.");
    if (message.body === input.body) return "No changes.";
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

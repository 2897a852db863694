"use server";

import { formAction } from "../_lib/guarded-action";
import { deleteMessage, editMessage } from "../_lib/moderation/message-actions";
import { toggleReaction } from "../_lib/reactions/toggle-reaction";

/** Deletes a message from the channel view (own, or any for moderators). */
export const deleteMessageAction = formAction(deleteMessage);
/** Edits one's own message from the channel view. */
export const editMessageAction = formAction(editMessage);
/** Adds or removes one's own reaction to a message. */
export const toggleReactionAction = formAction(toggleReaction);

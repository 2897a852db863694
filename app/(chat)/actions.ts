"use server";

import { formAction } from "../_lib/guarded-action";
import { deleteMessage, editMessage } from "../_lib/moderation/message-actions";

/** Deletes a message from the channel view (own, or any for moderators). */
export const deleteMessageAction = formAction(deleteMessage);
/** Edits one's own message from the channel view. */
export const editMessageAction = formAction(editMessage);

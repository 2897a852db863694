"use server";

import { formAction } from "../_lib/guarded-action";
import {
  createChannel,
  setChannelArchived,
  updateChannel,
} from "../_lib/moderation/channel-actions";
import { deleteMessage } from "../_lib/moderation/message-actions";
import { banUser, muteUser, setRole, unbanUser, unmuteUser } from "../_lib/moderation/user-actions";

// Each action checks session → role → input → the rules for its target itself (formAction and
// defineAction); the admin layout's check only decides what to show.
export const adminDeleteMessage = formAction(deleteMessage, "/admin");
export const adminBanUser = formAction(banUser, "/admin");
export const adminUnbanUser = formAction(unbanUser, "/admin");
export const adminMuteUser = formAction(muteUser, "/admin");
export const adminUnmuteUser = formAction(unmuteUser, "/admin");
export const adminSetRole = formAction(setRole, "/admin");
export const adminCreateChannel = formAction(createChannel, "/admin");
export const adminUpdateChannel = formAction(updateChannel, "/admin");
export const adminSetChannelArchived = formAction(setChannelArchived, "/admin");

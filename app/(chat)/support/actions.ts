"use server";

import { markOnlineUntil } from "@/db/queries/conversations";
import { formAction } from "../../_lib/guarded-action";
import { getCurrentUser } from "../../_lib/session";
import { answersSupport } from "../../_lib/support/access";
import {
  assignConversation,
  assignToMe,
  banVisitor,
  closeConversation,
  markAgentSeen,
  reopenConversation,
} from "../../_lib/support/agent-actions";

export const assignToMeAction = formAction(assignToMe, "/support");
export const assignConversationAction = formAction(assignConversation, "/support");
export const closeConversationAction = formAction(closeConversation, "/support");
export const reopenConversationAction = formAction(reopenConversation, "/support");
export const banVisitorAction = formAction(banVisitor, "/support");
export const markAgentSeenAction = formAction(markAgentSeen);

/** How long one heartbeat keeps an agent counted as online (the page beats every minute). */
const ONLINE_FOR_MS = 2 * 60 * 1000;

/** An agent's /support page is open: visitors are told someone is online. */
export async function agentHeartbeatAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user || !answersSupport(user)) return;
  await markOnlineUntil({ userId: user.id, until: new Date(Date.now() + ONLINE_FOR_MS) });
}

/**
 * Who may open a support conversation, as pure rules (unit-tested): its own visitor, and people
 * who answer support (agent and up). Members never see one, not even by guessing a slug or a
 * message id.
 */
import type { Role } from "@/db/schema";
import { atLeast } from "../permissions";

export type ConversationViewer = { id: number; role: Role; visitorSiteId: number | null };

/** Agents, moderators and admins work the inbox. A visitor row is never one, whatever its role. */
export function answersSupport(user: Pick<ConversationViewer, "role" | "visitorSiteId">): boolean {
  return user.visitorSiteId === null && atLeast(user.role, "agent");
}

/** The conversation's visitor, or someone who answers support. */
export function canOpenConversation(
  user: ConversationViewer,
  conversation: { visitorId: number; siteId: number },
): boolean {
  if (user.visitorSiteId !== null) {
    return user.id === conversation.visitorId && user.visitorSiteId === conversation.siteId;
  }
  return answersSupport(user);
}

/**
 * Whether a message found by id may be acted on (edited, deleted, reacted to) by this user: any
 * community message, and a conversation's only for those who may open the conversation.
 */
export function mayTouchMessage(
  user: ConversationViewer,
  message: {
    channelKind: "channel" | "conversation";
    conversationVisitorId: number | null;
    conversationSiteId: number | null;
  },
): boolean {
  if (message.channelKind === "channel") return user.visitorSiteId === null;
  if (message.conversationVisitorId === null || message.conversationSiteId === null) return false;
  return canOpenConversation(user, {
    visitorId: message.conversationVisitorId,
    siteId: message.conversationSiteId,
  });
}

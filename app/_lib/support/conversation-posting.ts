/**
 * The extra rules for putting words in a support conversation, beside the channel rules
 * (posting-verdict.ts): only its visitor and people who answer support write there, nothing goes
 * into a closed one, and on a site that requires verified identity an unverified visitor's
 * message never reaches an agent. A visitor never writes in a community channel.
 */
import type { Conversation, Role } from "@/db/schema";
import type { PostingVerdict } from "../posting-verdict";
import { answersSupport } from "./access";

export type PostingConversation = Pick<Conversation, "visitorId" | "status" | "verified"> & {
  requireVerified: boolean;
};

export function conversationVerdict(args: {
  author: { id: number; role: Role; visitorSiteId: number | null };
  conversation: PostingConversation | null;
}): PostingVerdict {
  const { author, conversation } = args;
  if (!conversation) return author.visitorSiteId === null ? null : { reason: "invalid" };
  const visitor = author.id === conversation.visitorId;
  if (!visitor && !answersSupport(author)) return { reason: "invalid" };
  // Closed: nobody writes until an agent reopens it (the widget offers a new conversation).
  if (conversation.status === "closed") return { reason: "closed" };
  if (visitor && conversation.requireVerified && !conversation.verified)
    return { reason: "invalid" };
  return null;
}

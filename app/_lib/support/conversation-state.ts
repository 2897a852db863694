import "server-only";
import { findConversationBySlug } from "@/db/queries/conversations";
import { notifyRoom } from "../room-notify";

/**
 * Tells the conversation's room its state as MySQL now holds it ("Seen" up to which message,
 * open or closed), so the visitor's page shows it at once. Read after the change rather than
 * passed in, so two changes racing each other both send the newest state. A room that cannot be
 * reached only delays it: the visitor's page also polls the state route.
 */
export async function tellConversationState(slug: string): Promise<void> {
  const conversation = await findConversationBySlug(slug);
  if (!conversation) return;
  await notifyRoom(slug, {
    type: "conversation",
    state: { agentSeenId: conversation.agentSeenId, status: conversation.status },
  });
}

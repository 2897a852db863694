import "server-only";
import type { WidgetConversation } from "@/components/widget/types";
import { type ConversationRecord, countAgentsOnline } from "@/db/queries/conversations";
import { listMessages } from "@/db/queries/messages";
import type { User } from "@/db/schema";
import { syncPoint } from "../sync-point";

/** What the visitor's chat starts from: the newest 50 messages and the conversation's state. */
export async function widgetConversation(
  conversation: ConversationRecord,
  visitor: User,
): Promise<WidgetConversation> {
  const syncedAt = syncPoint();
  const [page, online] = await Promise.all([
    listMessages({ channelId: conversation.channelId, readerId: visitor.id, limit: 50 }),
    countAgentsOnline(),
  ]);
  return {
    slug: conversation.slug,
    visitorId: visitor.id,
    visitorName: visitor.displayName,
    visitorEmail: conversation.visitorEmail,
    initial: page.messages,
    initialHasOlder: page.hasMore,
    syncedAt,
    agentSeenId: conversation.agentSeenId,
    status: conversation.status,
    agentsOnline: online > 0,
  };
}

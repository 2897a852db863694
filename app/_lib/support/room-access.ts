import "server-only";
import { findRoomChannelBySlug, type RoomChannel } from "@/db/queries/conversations";
import { type ConversationViewer, canOpenConversation } from "./access";

/**
 * The channel or conversation `slug` names, if this user may open it: every open community
 * channel for a member, a conversation only for its visitor and for agents and staff. Anyone
 * else gets null, exactly as for a slug that does not exist, so probing slugs tells nothing.
 */
export async function openableRoom(
  slug: string,
  user: ConversationViewer,
): Promise<RoomChannel | null> {
  const room = await findRoomChannelBySlug(slug);
  if (!room || room.archivedAt) return null;
  if (!room.conversation) return user.visitorSiteId === null ? room : null;
  return canOpenConversation(user, room.conversation) ? room : null;
}

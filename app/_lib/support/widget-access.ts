import "server-only";
import type { RoomChannel } from "@/db/queries/conversations";
import type { Site, User } from "@/db/schema";
import { chargeHistoryRequest } from "../history-access";
import { HttpError } from "../route";
import { openableRoom } from "./room-access";
import { currentVisitor, requireWidgetOrigin, widgetSite } from "./visitor-request";

export type WidgetReader = { site: Site; visitor: User; room: RoomChannel };

/**
 * The visitor of a widget request and the conversation it reads: an open site, a request from
 * its chat page (or one of its origins), a valid visitor session for that very site, and a
 * conversation of theirs; else 401/403/404.
 * Bans are the caller's to judge (history may still be read; a token is refused).
 */
export async function widgetReader(siteKey: string, slug: string): Promise<WidgetReader> {
  const site = await widgetSite(siteKey);
  await requireWidgetOrigin(site);
  const visitor = await currentVisitor(site);
  if (!visitor) throw new HttpError(401, "No visitor session");
  const room = await openableRoom(slug, visitor);
  if (!room?.conversation) throw new HttpError(404, "No such conversation");
  return { site, visitor, room };
}

/** As widgetReader, charged to the visitor's history allowance like a member's reads. */
export async function widgetHistoryReader(siteKey: string, slug: string): Promise<WidgetReader> {
  const reader = await widgetReader(siteKey, slug);
  chargeHistoryRequest(reader.visitor.id);
  return reader;
}

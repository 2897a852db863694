import "server-only";
import { bearerHeader } from "@/party/keys";
import type { RoomCommand } from "@/party/protocol";
import { env, partyUrl } from "./env";

/**
 * Tells a channel's room about a change (a deletion to broadcast, a user to disconnect). The
 * database is already the truth when this runs, so a room that cannot be reached only delays
 * the live effect: pages that reconnect or reload get the new state. Returns whether it landed.
 */
export async function notifyRoom(slug: string, command: RoomCommand): Promise<boolean> {
  try {
    const response = await fetch(`${partyUrl()}/parties/main/${encodeURIComponent(slug)}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: await bearerHeader(env().PARTY_SECRET),
      },
      body: JSON.stringify(command),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) console.error(`Room ${slug} refused ${command.type}: ${response.status}`);
    return response.ok;
  } catch (error) {
    console.error(`Room ${slug} unreachable for ${command.type}:`, error);
    return false;
  }
}

/** Sends a command to several rooms at once (e.g. disconnect a banned user everywhere). */
export async function notifyRooms(slugs: string[], command: RoomCommand): Promise<void> {
  await Promise.all(slugs.map((slug) => notifyRoom(slug, command)));
}

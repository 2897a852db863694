import "server-only";
import { bearerHeader } from "@/party/keys";
import { type UserEvent, userCommandResultSchema } from "@/party/protocol";
import { env, partyUrl } from "./env";

/**
 * Passes events to one person's own room (`/parties/user/<id>`), which relays them to each page
 * they have open. MySQL is already the truth when this runs: a room that cannot be reached only
 * delays the live effect, since every page recounts from MySQL when it (re)connects.
 *
 * Returns how many of the person's sockets took the events, or null when the room could not be
 * reached (callers that decide "no page open, send a push" must treat null as "unknown").
 */
export async function notifyUser(userId: number, events: UserEvent[]): Promise<number | null> {
  if (events.length === 0) return 0;
  try {
    const response = await fetch(`${partyUrl()}/parties/user/${userId}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: await bearerHeader(env().PARTY_SECRET),
      },
      body: JSON.stringify({ type: "events", events }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) {
      console.error(`User room ${userId} refused events: ${response.status}`);
      return null;
    }
    const answer = userCommandResultSchema.safeParse(await response.json());
    return answer.success ? answer.data.sockets : null;
  } catch (error) {
    console.error(`User room ${userId} unreachable:`, error);
    return null;
  }
}

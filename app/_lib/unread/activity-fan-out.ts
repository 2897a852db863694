import "server-only";
import { clearOnline, onlineUserIds } from "@/db/queries/online";
import type { StoreResult } from "@/party/protocol";
import { notifyUser } from "../user-notify";
import { activityFor } from "./activity-events";
import { clearableBefore } from "./online-window";

/** Rooms posted to at once: enough to finish a crowd quickly, few enough to spare the sockets. */
const CONCURRENCY = 16;

/**
 * Tells the rooms of everyone online (but each message's author) that a channel has new
 * messages: one POST per person per stored batch. Runs after the store route has answered, so
 * the room's next batch never waits for it. A room that answers "no page open" marks its person
 * offline, so they cost nothing until a page of theirs fetches a token again.
 */
export async function fanOutActivity(channel: string, results: StoreResult[]): Promise<void> {
  if (!results.some((r) => r.ok)) return;
  const events = activityFor(channel, results, await onlineUserIds());
  const queue = [...events];
  const gone: number[] = [];
  const worker = async () => {
    for (let next = queue.pop(); next; next = queue.pop()) {
      const [userId, event] = next;
      if ((await notifyUser(userId, [event])) === 0) gone.push(userId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  await clearOnline(gone, clearableBefore(Date.now()));
}

import "server-only";
import { clearOnline, onlineUserIds } from "@/db/queries/online";
import { MAX_BATCH, type StoreResult, type UserEvent } from "@/party/protocol";
import { notifyUser } from "../user-notify";
import { activityFor, mergeActivity } from "./activity-events";
import { clearableBefore } from "./online-window";

/** Rooms posted to at once: enough to finish a crowd quickly, few enough to spare the sockets. */
const CONCURRENCY = 16;
/**
 * Batches stored within this long go to each person's room as one call. Without it a busy
 * channel would cost every online person one POST per stored batch (hundreds a second); with
 * it, at most a few per second each, whatever the message rate.
 */
const GATHER_MS = 250;

let gathered: { channel: string; results: StoreResult[] }[] = [];
let flushing: Promise<void> | null = null;

/**
 * Tells the rooms of everyone online (but each message's author) that a channel has new
 * messages. Runs after the store route has answered, so the room's next batch never waits for
 * it; resolves once the call that carries this batch is done. A room that answers "no page open"
 * marks its person offline, so they cost nothing until a page of theirs fetches a token again.
 */
export function fanOutActivity(channel: string, results: StoreResult[]): Promise<void> {
  if (!results.some((r) => r.ok)) return Promise.resolve();
  gathered.push({ channel, results });
  flushing ??= new Promise((resolve) => setTimeout(resolve, GATHER_MS)).then(flush);
  return flushing;
}

async function flush(): Promise<void> {
  const batches = gathered;
  gathered = [];
  flushing = null;
  const online = await onlineUserIds();
  if (online.length === 0) return;
  const perUser = mergeActivity(batches.map((b) => activityFor(b.channel, b.results, online)));
  const queue: [number, UserEvent[]][] = [];
  for (const [userId, events] of perUser) {
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      queue.push([userId, events.slice(i, i + MAX_BATCH)]);
    }
  }
  await deliver(queue);
}

/**
 * Tells everyone online that a message in `channel` was deleted, so each page recounts from
 * MySQL: a deleted message must not stay counted as unread (or as a mention) until a reconnect.
 */
export async function fanOutRecount(channel: string): Promise<void> {
  const online = await onlineUserIds();
  await deliver(online.map((userId) => [userId, [{ type: "recount", channel }]]));
}

/** Posts each person's events, CONCURRENCY rooms at a time; rooms with no page open go offline. */
async function deliver(queue: [number, UserEvent[]][]): Promise<void> {
  if (queue.length === 0) return;
  const gone: number[] = [];
  const worker = async () => {
    for (let next = queue.pop(); next; next = queue.pop()) {
      const [userId, events] = next;
      if ((await notifyUser(userId, events)) === 0) gone.push(userId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  await clearOnline(gone, clearableBefore(Date.now()));
}

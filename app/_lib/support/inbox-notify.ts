import "server-only";
import { supportOnlineIds } from "@/db/queries/conversations";
import { afterResponse } from "../unread/after-response";
import { notifyUser } from "../user-notify";

/** Rooms posted to at once. */
const CONCURRENCY = 16;
/**
 * Changes within this long go to each agent's room as one event: a busy inbox (many visitors
 * writing at once) costs every online agent at most a few posts a second, whatever the rate.
 */
export const INBOX_GATHER_MS = 250;

let pending: Promise<void> | null = null;

/**
 * Tells every online person who answers support that the inbox changed, so their open /support
 * list reloads from MySQL. Changes within INBOX_GATHER_MS share one post per agent; resolves once
 * the post that covers this change is done. The event says nothing of what changed, and goes to
 * no one else's room: a member or a visitor never learns a conversation exists.
 */
export function notifyInbox(): Promise<void> {
  pending ??= new Promise((resolve) => setTimeout(resolve, INBOX_GATHER_MS)).then(flush);
  return pending;
}

/** notifyInbox once the response has gone: an action or a store call never waits for it. */
export function notifyInboxLater(): void {
  afterResponse(notifyInbox);
}

async function flush(): Promise<void> {
  // Taken before reading who is online: a change after this point starts the next round.
  pending = null;
  const queue = await supportOnlineIds();
  // An agent whose room has no page open is not marked offline here: support_online_until
  // also says "someone answers" to visitors, and the /support heartbeat owns it.
  const worker = async () => {
    for (let userId = queue.pop(); userId !== undefined; userId = queue.pop()) {
      await notifyUser(userId, [{ type: "inbox" }]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}

import "server-only";
import type { Channel, User } from "@/db/schema";
import { RateLimiter } from "@/party/rate-limit";
import { HttpError } from "./route";
import { getSessionState } from "./session";
import { openableRoom } from "./support/room-access";

/**
 * The history routes (`/messages`, `/changes`) per user. A page asks a few of them per
 * (re)connect and one per older page scrolled to; this allows a burst of 30 and one a second
 * after that, far above what a person scrolling does and far below a scraper's loop.
 *
 * Per server instance, in memory: a shared sliding window would need a table, and schema
 * changes are not part of this round. With N instances a user gets at most N times this, which
 * still bounds a loop; each answer is itself bounded (pages of MAX_PAGE, changes over at most
 * MAX_CHANGES_RANGE rows), so the limit caps the total work.
 */
const limiter = new RateLimiter({ capacity: 30, refillPerSecond: 1 });

/** Takes one history request from the user's allowance, or throws 429 with Retry-After. */
export function chargeHistoryRequest(userId: number, now = Date.now()): void {
  if (!limiter.take(String(userId), now)) {
    throw new HttpError(429, "Too many requests; try again shortly", undefined, {
      "retry-after": "1",
    });
  }
}

/**
 * Who may read history in this request: the fresh row, not the JWT alone, so a banned or
 * signed-out-everywhere user reads nothing (401/403); each call is charged to their allowance.
 */
export async function historyReader(): Promise<User> {
  const session = await getSessionState();
  if (session.status === "signed-out") throw new HttpError(401, "Sign in first");
  if (session.status === "banned") throw new HttpError(403, "You are banned");
  chargeHistoryRequest(session.user.id);
  return session.user;
}

/**
 * The channel a history route reads for `reader`: open (not archived), and a support
 * conversation only for its visitor and agents/staff; else 404.
 */
export async function readableChannel(slug: string, reader: User): Promise<Channel> {
  const channel = await openableRoom(slug, reader);
  if (!channel) throw new HttpError(404, "No such channel");
  return channel;
}

/**
 * Typing indicators in the room: which "I am typing" frames to pass on, and to whom. Nothing here
 * is stored or timed out: the room relays a frame or drops it, and each page forgets a typist
 * TYPING_TTL_MS after the last frame it heard (components/chat/typing-state.ts).
 */
import { TYPING_EVERY_MS } from "./protocol";
import { RateLimiter, type RateLimitOptions } from "./rate-limit";

/**
 * How much earlier than TYPING_EVERY_MS the room still relays a user's next frame. Pages send
 * one every TYPING_EVERY_MS while someone types; network jitter can bring two of them a little
 * closer than that, and dropping the second would let the indicator lapse on the other pages
 * (its TTL is two intervals) and flicker.
 */
export const TYPING_JITTER_MS = 500;

/** Fewest milliseconds between two relayed frames of one user. */
export const TYPING_RELAY_GAP_MS = TYPING_EVERY_MS - TYPING_JITTER_MS;

/** The default TYPING_MAX_SOCKETS: above this many sockets a room relays no typing at all. */
export const DEFAULT_TYPING_MAX_SOCKETS = 200;

/**
 * How many typing frames one socket may send before the surplus counts as junk (an invalid
 * frame's strike). A page sends one per TYPING_EVERY_MS; a burst of 5, then one a second, leaves
 * room for frames that bunch up after a stall while a client that floods is soon closed.
 */
export const TYPING_FLOOD_LIMIT: RateLimitOptions = { capacity: 5, refillPerSecond: 1 };

export type TypingOptions = {
  /** Above this many open sockets the room relays no typing frames. */
  maxSockets: number;
  flood?: RateLimitOptions;
};

/** What to do with one typing frame. */
export type TypingVerdict =
  /** Pass it on to everyone else in the room (if the room is under the cap). */
  | "relay"
  /** Drop it quietly: this user's last frame went out less than a relay gap ago. */
  | "drop"
  /** Drop it and count it against the socket, as an unreadable frame is. */
  | "junk";

/**
 * The room's typing throttle: at most one relayed frame per user per TYPING_RELAY_GAP_MS, however
 * many tabs they type in, and a per-socket allowance past which frames are junk. Kept in memory
 * only: a room that hibernated was idle, and forgetting who typed last only lets one more frame
 * through. Typing never takes from the send rate limit, so an indicator cannot cost a message.
 */
export class TypingThrottle {
  private readonly lastRelayed = new Map<number, number>();
  private readonly flood: RateLimiter;
  readonly maxSockets: number;

  constructor(options: TypingOptions) {
    this.maxSockets = options.maxSockets;
    this.flood = new RateLimiter(options.flood ?? TYPING_FLOOD_LIMIT);
  }

  /** Judges one typing frame from `socketId` of user `userId` at `now`. */
  take(userId: number, socketId: string, now: number): TypingVerdict {
    if (!this.flood.take(socketId, now)) return "junk";
    const last = this.lastRelayed.get(userId);
    if (last !== undefined && now - last < TYPING_RELAY_GAP_MS) return "drop";
    this.lastRelayed.set(userId, now);
    if (this.lastRelayed.size > 10_000) this.prune(now);
    return "relay";
  }

  /** Forgets users whose last frame is older than a gap, so a long-lived room stays small. */
  private prune(now: number): void {
    for (const [userId, at] of this.lastRelayed) {
      if (now - at >= TYPING_RELAY_GAP_MS) this.lastRelayed.delete(userId);
    }
  }
}

/** True when a room of `sockets` open sockets is at or under the cap (the `limits` frame's `typing`). */
export function typingOpen(sockets: number, maxSockets: number): boolean {
  return sockets <= maxSockets;
}

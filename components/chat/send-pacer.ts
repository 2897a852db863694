/**
 * When each of the page's own messages may go to the room. The room refuses a send past its
 * token bucket (party/rate-limit.ts) with `rate_limited`; instead of letting a quick burst of
 * typing turn into failed rows, the page mirrors that bucket from the limits the room told it
 * and holds messages until a token is there. Pure: the caller passes the time and asks again at
 * `wakeAt`, so tests drive it with a fake clock.
 */
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "@/party/rate-limit";

/**
 * Tokens kept in hand beyond the one a send takes. The room counts arrivals, the mirror counts
 * departures: a frame delayed on the way lets the next arrive with less refill than the mirror
 * assumed, and the room also counts frames the mirror does not see (another tab's, junk). Half
 * a token absorbs half a refill period of such jitter and costs one message of the first burst.
 */
export const PACER_RESERVE_TOKENS = 0.5;
/** The mirror refills this much slower than the room says, for timers and clocks that drift. */
export const PACER_RATE_FACTOR = 0.95;
/**
 * How often one message may be refused as `rate_limited` by the bucket (another tab of the same
 * user shares it) before it is shown failed: the pacer then waits for the next token each time.
 */
export const MAX_RATE_LIMITED = 5;
/** How often one message may be refused by slow mode before it is shown failed. */
export const MAX_SLOW_MODE = 3;
/** A slow-mode wait longer than this is shown failed with its time, not waited out unseen. */
export const SLOW_MODE_MAX_WAIT_MS = 5 * 60_000;
/**
 * Least wait after a slow-mode refusal: `until` is the server's clock, and a browser clock that
 * runs ahead would otherwise re-send at once, again and again.
 */
export const SLOW_MODE_MIN_WAIT_MS = 1_000;

/** What became of a refused message. */
export type RefusalOutcome =
  /** Back in the queue at its place; it goes at the next token. */
  | { kind: "requeued" }
  /** Back in the queue; slow mode holds the whole queue until `until` (ms since the epoch). */
  | { kind: "slow-mode"; until: number }
  /** Not sent: show it failed with the room's reason (and Retry). */
  | { kind: "failed" };

type Item = {
  clientId: string;
  /** Sent on the current connection and not answered yet. */
  inFlight: boolean;
  rateLimited: number;
  slowMode: number;
};

export class SendPacer {
  private limits: RateLimitOptions;
  /** The mirror of the room's bucket for this user, as of `at`. */
  private tokens: number;
  private at: number;
  /** Messages not stored or failed yet, oldest first: released strictly in this order. */
  private readonly items: Item[] = [];
  /** False until the socket is open and the catch-up after it is done. */
  private open = false;
  /** Slow mode: nothing goes before this time (ms since the epoch). */
  private holdUntil = 0;
  /**
   * Set by a refusal: the mirror was wrong (another tab spends the same bucket, or slow mode), so
   * one message at a time goes until the bucket has been full again. A refused message would
   * otherwise be overtaken by a later one that was already on its way and found a fresh token.
   */
  private careful = false;
  /** Slow mode refused one: one message at a time until the queue has emptied. */
  private slowMode = false;

  constructor(now: number, limits: RateLimitOptions = DEFAULT_RATE_LIMIT) {
    this.limits = limits;
    this.tokens = limits.capacity;
    this.at = now;
  }

  /**
   * The room told its limits (on every open; a redeploy may change them). What the mirror holds
   * carries over: the room's bucket outlives a reconnect, and a room that restarted has a full
   * one, so keeping ours is on the safe side either way.
   */
  setLimits(limits: RateLimitOptions, now: number): void {
    this.refill(now);
    this.limits = limits;
    this.tokens = Math.min(this.tokens, limits.capacity);
  }

  /**
   * Starts the mirror from an empty bucket: another page of this user (the one this page took
   * over unsent messages from) may have just spent it.
   */
  assumeSpent(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** A new message (or a failed one the user retries) joins the end of the queue. */
  add(clientId: string): void {
    if (this.items.some((i) => i.clientId === clientId)) return;
    this.items.push({ clientId, inFlight: false, rateLimited: 0, slowMode: 0 });
  }

  /** The message was stored (or the user dropped it): it leaves the queue. */
  settle(clientId: string): void {
    const index = this.items.findIndex((i) => i.clientId === clientId);
    if (index >= 0) this.items.splice(index, 1);
    if (this.items.length === 0) this.slowMode = false;
  }

  /** The room refused the message; says whether it waits for another try or has failed. */
  refuse(
    clientId: string,
    refusal: { rateLimited: boolean; until: number | null },
    now: number,
  ): RefusalOutcome {
    const item = this.items.find((i) => i.clientId === clientId);
    if (!item || !refusal.rateLimited) {
      this.settle(clientId);
      return { kind: "failed" };
    }
    item.inFlight = false;
    this.careful = true;
    if (refusal.until !== null) {
      // Slow mode: the channel allows one message per interval, whatever the bucket holds.
      item.slowMode++;
      this.slowMode = true;
      const wait = refusal.until - now;
      if (item.slowMode > MAX_SLOW_MODE || wait > SLOW_MODE_MAX_WAIT_MS) {
        this.settle(clientId);
        return { kind: "failed" };
      }
      this.holdUntil = Math.max(this.holdUntil, now + Math.max(wait, SLOW_MODE_MIN_WAIT_MS));
      return { kind: "slow-mode", until: this.holdUntil };
    }
    item.rateLimited++;
    if (item.rateLimited > MAX_RATE_LIMITED) {
      this.settle(clientId);
      return { kind: "failed" };
    }
    // The room's bucket is empty whatever the mirror thought.
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
    return { kind: "requeued" };
  }

  /**
   * The socket closed: nothing is on its way any more, and nothing goes until `resume`. What was
   * in flight goes again, in its place, after the next catch-up (unless that finds it stored).
   */
  pause(): void {
    this.open = false;
    for (const item of this.items) item.inFlight = false;
  }

  /** The socket is open and caught up: queued messages may go. */
  resume(): void {
    this.open = true;
  }

  /** clientIds waiting, oldest first (in flight or not). */
  get queued(): string[] {
    return this.items.map((i) => i.clientId);
  }

  /**
   * Takes tokens for the messages that may go now, in order; the caller sends exactly these.
   * `wakeAt` is when to ask again (null: only a room answer, an open or a new message can help).
   */
  release(now: number): { send: string[]; wakeAt: number | null } {
    this.refill(now);
    const send: string[] = [];
    if (!this.open) return { send, wakeAt: null };
    if (now < this.holdUntil) {
      return { send, wakeAt: this.items.some((i) => !i.inFlight) ? this.holdUntil : null };
    }
    const need = this.need();
    let inFlight = this.items.filter((i) => i.inFlight).length;
    for (const item of this.items) {
      if (item.inFlight) continue;
      if (inFlight > 0) {
        // Several on the way at once only well inside the burst: there, a refused one cannot be
        // overtaken by the next, which arrives too soon after it for a token to have grown back.
        // Otherwise the next waits for the answer to the one before (an answer calls again).
        if (this.careful || this.slowMode || need + 1 > this.limits.capacity) {
          return { send, wakeAt: null };
        }
        if (this.tokens < need + 1) return { send, wakeAt: now + this.msUntil(need + 1) };
      } else if (this.tokens < need) {
        return { send, wakeAt: now + this.msUntil(need) };
      }
      this.tokens -= 1;
      item.inFlight = true;
      inFlight++;
      send.push(item.clientId);
    }
    return { send, wakeAt: null };
  }

  /** Tokens the mirror must hold for one message to go. */
  private need(): number {
    return 1 + Math.min(PACER_RESERVE_TOKENS, Math.max(0, this.limits.capacity - 1));
  }

  private rate(): number {
    return this.limits.refillPerSecond * PACER_RATE_FACTOR;
  }

  /** Milliseconds until the mirror holds `tokens`, rounded up so the wake-up is not early. */
  private msUntil(tokens: number): number {
    return Math.max(1, Math.ceil(((tokens - this.tokens) / this.rate()) * 1000));
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.at);
    this.tokens = Math.min(this.limits.capacity, this.tokens + (elapsed / 1000) * this.rate());
    this.at = Math.max(this.at, now);
    if (this.tokens >= this.limits.capacity) this.careful = false;
  }
}

/**
 * When a socket's room token runs out, the socket goes too: the client reconnects with a fresh
 * token, so bans, role changes and kicks are re-checked at least once per token lifetime. Two
 * checks close it: every frame checks the token's expiry (cheap, and exact on the sending side),
 * and a Durable Object alarm sweeps idle sockets. Timers die when a room hibernates; alarms
 * do not, and the runtime's tag index finds the sockets due without reading every socket's state.
 */

/** Sockets are grouped by expiry in slots this long; the sweep closes a slot once it has ended. */
export const EXPIRY_SLOT_MS = 5_000;
/** The longest a token may live (the token route's default): how far back and ahead a sweep looks. */
export const MAX_TOKEN_LIFETIME_MS = 5 * 60_000;

/** The runtime tag marking the sockets whose token expires within one slot. */
export function expiryTag(expiresAt: number): string {
  return `exp:${slotOf(expiresAt)}`;
}

/** The slot an expiry time falls in; a slot ends at (slot × EXPIRY_SLOT_MS). */
function slotOf(time: number): number {
  return Math.ceil(time / EXPIRY_SLOT_MS);
}

/**
 * The tags of every slot that has ended by `now`, as far back as a token can reach (sockets
 * from older slots were closed by an earlier sweep or are gone).
 */
export function endedSlotTags(now: number): string[] {
  const last = Math.floor(now / EXPIRY_SLOT_MS);
  const first = slotOf(now - MAX_TOKEN_LIFETIME_MS - EXPIRY_SLOT_MS);
  const tags: string[] = [];
  for (let slot = first; slot <= last; slot++) tags.push(`exp:${slot}`);
  return tags;
}

/**
 * The slots still to come, soonest first, with the time each ends: the sweep schedules its next
 * alarm at the first one that holds a socket.
 */
export function comingSlots(now: number): { tag: string; endsAt: number }[] {
  const first = Math.floor(now / EXPIRY_SLOT_MS) + 1;
  const last = slotOf(now + MAX_TOKEN_LIFETIME_MS + EXPIRY_SLOT_MS);
  const slots: { tag: string; endsAt: number }[] = [];
  for (let slot = first; slot <= last; slot++) {
    slots.push({ tag: `exp:${slot}`, endsAt: slot * EXPIRY_SLOT_MS });
  }
  return slots;
}

/** When the sweep for a socket expiring at `expiresAt` runs: the end of its slot. */
export function sweepTimeFor(expiresAt: number): number {
  return slotOf(expiresAt) * EXPIRY_SLOT_MS;
}

/** The storage key under which the room remembers when it last kicked a user. */
export function kickKey(userId: number): string {
  return `kick:${userId}`;
}

/**
 * True when a token was issued at or before the user's last kick: it was handed out before the
 * ban and must not let them back in while it lives. JWT `iat` has whole seconds, so a token
 * issued in the kick's own second counts as before it (refusing one too many is the safe side).
 */
export function issuedBeforeKick(issuedAt: number, kickedAt: number | undefined): boolean {
  return kickedAt !== undefined && issuedAt <= kickedAt;
}

/** A kick older than any token that could predate it no longer needs remembering. */
export function kickForgettable(kickedAt: number, now: number): boolean {
  return kickedAt + MAX_TOKEN_LIFETIME_MS + EXPIRY_SLOT_MS < now;
}

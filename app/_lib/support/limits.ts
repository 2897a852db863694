/**
 * How often a visitor may start a conversation, as a pure rule over counts the database gives.
 * Messages inside a conversation are paced by the room's own per-user limit, as in channels.
 */

/** Conversations one address may start on one site per window (an office shares an address). */
export const STARTS_PER_ADDRESS = 5;
/** Conversations one visitor may start on one site per window. */
export const STARTS_PER_VISITOR = 3;
export const START_WINDOW_MS = 60 * 60 * 1000;

export type StartRefusal = { reason: "too_many_from_address" | "too_many_from_visitor" };

/** Why this start is refused, or null when it may go ahead. */
export function startRefusal(counts: {
  byAddress: number;
  byVisitor: number;
}): StartRefusal | null {
  if (counts.byVisitor >= STARTS_PER_VISITOR) return { reason: "too_many_from_visitor" };
  if (counts.byAddress >= STARTS_PER_ADDRESS) return { reason: "too_many_from_address" };
  return null;
}

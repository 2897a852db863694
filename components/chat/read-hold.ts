/**
 * "Mark as unread" must stick while the person is still looking at the channel: without a hold,
 * the page would see itself visible and at the bottom and mark everything read again at once.
 * The hold lasts until they leave the channel (its view unmounts, or the tab goes) or send a
 * message there. Whatever advances the read position checks `isReadHeld(slug)` first, and may
 * listen with `onReadHoldChange` to advance as soon as the hold ends.
 *
 * Page-local on purpose: another tab or device reading the channel is the person reading it.
 */

const held = new Set<string>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Stops this page from advancing the read position in channel `slug` until it is released. */
export function holdReadUntilLeave(slug: string): void {
  if (held.has(slug)) return;
  held.add(slug);
  changed();
}

/** Ends the hold (the person left the channel or sent a message in it). */
export function releaseReadHold(slug: string): void {
  if (held.delete(slug)) changed();
}

/** Whether the read position in channel `slug` must stay where "Mark as unread" put it. */
export function isReadHeld(slug: string): boolean {
  return held.has(slug);
}

/** Calls `listener` whenever a hold starts or ends; returns the unsubscribe. */
export function onReadHoldChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Edits and deletions are stamped by whichever app server made them; a page's "current as of"
 * time is moved back by this much so that a little clock skew between servers cannot hide one.
 */
const CLOCK_SKEW_MS = 5_000;

/**
 * The time a page's view of a channel is current from (ISO 8601): taken before its messages are
 * read, so the next changes query (`since` = this) covers everything after what it was shown.
 */
export function syncPoint(): string {
  return new Date(Date.now() - CLOCK_SKEW_MS).toISOString();
}

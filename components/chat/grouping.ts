/**
 * How the message list groups what it shows: consecutive messages of one author, each within
 * GROUP_WINDOW_MS of the one before, share one header; a new day always starts a new group
 * under a day divider. Pure functions, so the rules are unit-tested without a browser; the day
 * key function is passed in because which day a moment falls on depends on the reader's zone.
 */
import type { ChatMessage } from "@/party/protocol";
import type { PendingMessage } from "./timeline";

/** The longest gap between two messages of one author that still keeps them in one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** The calendar day (e.g. "2026-11-29") an ISO 8601 moment falls on, in some time zone. */
export type DayKey = (iso: string) => string;

/** The day in UTC: what the server renders, and the browser too until it has hydrated. */
export const utcDay: DayKey = (iso) => new Date(iso).toISOString().slice(0, 10);

/** The day in the browser's own time zone. */
export const localDay: DayKey = (iso) => {
  const d = new Date(iso);
  const month = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${month}-${day}`;
};

type Placement = {
  /** Shows the header (avatar, name, role, time); false makes it a compact row. */
  startsGroup: boolean;
  /** A day divider goes before this row: the first row shown, or the first of a new day. */
  dayBreak: boolean;
  /** The row's day as `dayKey` gave it. */
  day: string;
};

export type Row =
  | ({ kind: "stored"; message: ChatMessage } & Placement)
  | ({ kind: "pending"; message: PendingMessage } & Placement);

/**
 * The list's rows in order: the stored messages, then the viewer's pending ones (written by
 * `me`, at the time they were queued), each placed by the same rule, so a message still being
 * sent joins the viewer's group above it.
 */
export function groupRows(
  messages: readonly ChatMessage[],
  pending: readonly PendingMessage[],
  me: number,
  dayKey: DayKey,
): Row[] {
  const rows: Row[] = [];
  let previous: { authorId: number; at: number; day: string } | null = null;
  const place = (authorId: number, iso: string): Placement => {
    const at = Date.parse(iso);
    const day = dayKey(iso);
    const dayBreak = previous === null || previous.day !== day;
    // Absolute gap: a pending message carries the browser's clock, which may run behind the
    // server's, and that must not split a group that is seconds apart in fact. A time that does
    // not parse (NaN) fails the test and starts a group, rather than hiding a name.
    const startsGroup =
      dayBreak ||
      previous === null ||
      previous.authorId !== authorId ||
      !(Math.abs(at - previous.at) <= GROUP_WINDOW_MS);
    previous = { authorId, at, day };
    return { startsGroup, dayBreak, day };
  };
  for (const message of messages) {
    rows.push({ kind: "stored", message, ...place(message.author.id, message.createdAt) });
  }
  for (const message of pending) {
    rows.push({ kind: "pending", message, ...place(me, message.queuedAt) });
  }
  return rows;
}

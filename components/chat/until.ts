/** Permanent bans and mutes are stored in year 9999 (db/schema.ts PERMANENT). */
export const PERMANENT_YEAR = 9999;

/**
 * When a mute or ban ends, in the reader's language and own time zone: the time alone when it
 * is today, else date and time; null when it never ends. Only for text made in the browser
 * after hydration (the server does not know the reader's time zone).
 */
export function untilText(iso: string, locale: string, now = new Date()): string | null {
  const date = new Date(iso);
  if (date.getUTCFullYear() >= PERMANENT_YEAR) return null;
  const today = now.toDateString() === date.toDateString();
  const format = today
    ? new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" })
    : new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return format.format(date);
}

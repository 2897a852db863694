import { z } from "zod";
import { PERMANENT } from "@/db/schema";
import { type Msg, msg } from "../../_i18n/message";

/** The lengths a ban or mute can have, as offered in the admin forms. */
export const DURATIONS = {
  "10m": { label: "10 minutes", ms: 10 * 60_000 },
  "1h": { label: "1 hour", ms: 60 * 60_000 },
  "24h": { label: "24 hours", ms: 24 * 60 * 60_000 },
  "7d": { label: "7 days", ms: 7 * 24 * 60 * 60_000 },
  "30d": { label: "30 days", ms: 30 * 24 * 60 * 60_000 },
  permanent: { label: "Permanent", ms: null },
} as const;
export type Duration = keyof typeof DURATIONS;
export const durationSchema = z.enum(Object.keys(DURATIONS) as [Duration, ...Duration[]]);

/** When a restriction of this length, starting now, ends. */
export function untilFor(duration: Duration, now = Date.now()): Date {
  const ms = DURATIONS[duration].ms;
  return ms === null ? PERMANENT : new Date(now + ms);
}

/** "until 28 Nov 2026, 14:05 UTC" or "permanently", in the reader's language. */
export function describeUntil(until: Date): Msg {
  if (until.getTime() >= PERMANENT.getTime()) return msg("common.time.permanently");
  return msg("common.time.until", { until });
}

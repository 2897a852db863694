import { z } from "zod";
import { PERMANENT } from "@/db/schema";
import { type MessageKey, type Msg, msg } from "../../_i18n/message";

/**
 * The lengths a ban or mute can have, as offered in the admin forms. `label` is a catalogue key:
 * the form that offers them knows the reader's language, this module does not.
 */
export const DURATIONS = {
  "10m": { label: "admin.durations.10m", ms: 10 * 60_000 },
  "1h": { label: "admin.durations.1h", ms: 60 * 60_000 },
  "24h": { label: "admin.durations.24h", ms: 24 * 60 * 60_000 },
  "7d": { label: "admin.durations.7d", ms: 7 * 24 * 60 * 60_000 },
  "30d": { label: "admin.durations.30d", ms: 30 * 24 * 60 * 60_000 },
  permanent: { label: "admin.durations.permanent", ms: null },
} as const satisfies Record<string, { label: MessageKey; ms: number | null }>;
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

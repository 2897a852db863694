import "server-only";
import { z } from "zod";

/** How often an open /support list reloads by itself, when its live event never comes. */
export const DEFAULT_INBOX_POLL_MS = 30_000;

const pollSetting = z.coerce
  .number()
  .int()
  .min(1_000)
  .max(24 * 60 * 60 * 1000);

/**
 * The list's fallback poll: SUPPORT_INBOX_POLL_MS when set to a sane number (browser tests make
 * it long, so a list that changes can only have been told by its event), else 30 s.
 */
export function inboxPollMs(setting = process.env.SUPPORT_INBOX_POLL_MS): number {
  if (!setting) return DEFAULT_INBOX_POLL_MS;
  const parsed = pollSetting.safeParse(setting);
  return parsed.success ? parsed.data : DEFAULT_INBOX_POLL_MS;
}

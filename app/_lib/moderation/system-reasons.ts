/**
 * Reasons the app writes into the audit log by itself, when no person gave one. They are stored
 * in English, as a stable record that older rows (and `npm run user:role`) share; the audit page
 * shows each in the reader's language (admin.audit.systemReasons.<name>) by looking the stored
 * text up here.
 */
export const SYSTEM_REASONS = {
  banLifted: "ban lifted",
  muteLifted: "mute lifted",
  deletedByAuthor: "deleted by its author",
  setFromCommandLine: "set from the command line",
} as const;
export type SystemReason = keyof typeof SYSTEM_REASONS;

const BY_TEXT = new Map<string, SystemReason>(
  (Object.entries(SYSTEM_REASONS) as [SystemReason, string][]).map(([name, text]) => [text, name]),
);

/** Which reason the app wrote itself, if this stored one is such; null for a person's words. */
export function systemReason(stored: string): SystemReason | null {
  return BY_TEXT.get(stored) ?? null;
}

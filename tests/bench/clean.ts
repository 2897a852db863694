/**
 * When one run of one step counts as clean. The system must have kept every promise a chat
 * server makes, at once: a step that stores 1,776 of 2,000 msg/s, or answers at p99 826 ms, has
 * fallen behind even if nothing is lost by the end of the drain, and must not be its peak.
 */

/** The tail latency a clean run stays within: a chat line that takes longer feels late. */
export const P99_LIMIT_MS = 250;

export type CleanInput = {
  /** Messages the schedule offered: rate × step length. */
  planned: number;
  sent: number;
  acked: number;
  rejected: number;
  /** Rows stored for the step's room; null for a system that does not store. */
  stored: number | null;
  lost: number;
  missing_deliveries: number;
  doubled: number;
  reordered: number;
  p99_ms: number | null;
  /** Side commands (a mixed workload's reactions) the system refused or failed. */
  side_failed?: number;
  error?: string;
};

/** Why a run is not clean, one short reason per broken promise; empty when it is clean. */
export function whyNotClean(run: CleanInput): string[] {
  if (run.error) return [`error: ${run.error}`];
  const reasons: string[] = [];
  const of = (n: number) => `${n.toLocaleString("en")}/${run.planned.toLocaleString("en")}`;
  if (run.sent < run.planned) reasons.push(`sent ${of(run.sent)}`);
  if (run.acked < run.planned) reasons.push(`acked ${of(run.acked)}`);
  if (run.rejected > 0) reasons.push(`rejected ${run.rejected}`);
  if (run.stored !== null && run.stored !== run.planned) reasons.push(`stored ${of(run.stored)}`);
  if (run.lost > 0 || run.missing_deliveries > 0) {
    reasons.push(`lost ${run.lost} (${run.missing_deliveries} deliveries)`);
  }
  if (run.doubled > 0) reasons.push(`doubled ${run.doubled}`);
  if (run.reordered > 0) reasons.push(`reordered ${run.reordered}`);
  if (run.side_failed) reasons.push(`side commands failed ${run.side_failed}`);
  if (run.p99_ms === null) reasons.push("no deliveries");
  else if (run.p99_ms > P99_LIMIT_MS)
    reasons.push(`p99 ${Math.round(run.p99_ms)} ms > ${P99_LIMIT_MS}`);
  return reasons;
}

/**
 * The shape of tests/bench/results/latest.json, and what is derived from the rows: each
 * system's peak (highest clean step) and the goals from the issue as ratios of peaks.
 */
import type { Machine } from "./machine";
import type { SystemName, Workload } from "./systems";

/** One system at one offered rate. Field names follow the issue (snake_case, units in names). */
export type RunRow = {
  system: SystemName;
  workload: Workload;
  offered: number;
  clients: number;
  senders: number;
  duration_s: number;
  sent: number;
  acked: number;
  rejected: number;
  /** Rows in MySQL for the step's channel; null for a system that does not store. */
  stored: number | null;
  stored_per_s: number | null;
  delivered_per_s: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  /** Messages that at least one client never received (by the end of the drain wait). */
  lost: number;
  /** Client × message deliveries missing. */
  missing_deliveries: number;
  doubled: number;
  reordered: number;
  clean: boolean;
  /** Milliseconds after the window until the last delivery; null if some never came. */
  drained_after_ms: number | null;
  server_cpu_pct: number;
  server_rss_mb: number;
  app_cpu_pct: number | null;
  app_rss_mb: number | null;
  db_cpu_pct: number | null;
  generator_cpu_pct: number;
  generator_lag_max_ms: number;
  /** INSERT statements for the step (us: store calls; the baseline: one per message). */
  store_batches: number | null;
  /** MySQL statements (all clients) and InnoDB rows read per message sent, over the step. */
  db_queries_per_msg: number | null;
  db_rows_read_per_msg: number | null;
  error?: string;
};

export type HistoryResult = {
  rows_small: number;
  rows_large: number;
  /** Medians in ms; `deep` is a page 99% of the way back. */
  small: HistoryTimes;
  large: HistoryTimes;
  ratios: { newest_query: number; deep_query: number; page_ttfb: number; page_total: number };
  /** The worst of the query and first-byte ratios: the number the goal is judged on. */
  ratio_1m_10k: number;
  explain: string[];
  seed_rows_per_s: number;
};
export type HistoryTimes = {
  newest_query_ms: number;
  deep_query_ms: number;
  page_ttfb_ms: number;
  page_total_ms: number;
};

export type ConnectionsStep = {
  target: number;
  held: number;
  room_rss_mb: number;
  seconds: number;
  generator_rss_mb: number;
};
export type ConnectionsResult = {
  /** Sockets open and joined when the run stopped. */
  held: number;
  bytes_per_socket: number | null;
  users: string;
  fd_limit: number;
  stopped_because: string;
  steps: ConnectionsStep[];
};

export type Peak = { system: SystemName; workload: Workload; peak: number | null; capped: boolean };

export type Goal = { goal: string; target: string; measured: string; met: boolean | null };

export type BenchResults = {
  command: string;
  finished_at: string;
  duration_s: number;
  machine: Machine;
  settings: Record<string, string | number | boolean>;
  runs: RunRow[];
  peaks: Peak[];
  goals: Goal[];
  history: HistoryResult | null;
  connections: ConnectionsResult | null;
};

/** A step that lost, doubled or reordered nothing and kept p99 under a second. */
export function isClean(row: Omit<RunRow, "clean">): boolean {
  return (
    !row.error &&
    row.lost === 0 &&
    row.doubled === 0 &&
    row.reordered === 0 &&
    row.p99_ms !== null &&
    row.p99_ms < 1_000
  );
}

export function peaksOf(runs: RunRow[], maxRate: number): Peak[] {
  const keys = new Map<string, Peak>();
  for (const r of runs) {
    const key = `${r.system}/${r.workload}`;
    const peak = keys.get(key) ?? {
      system: r.system,
      workload: r.workload,
      peak: null,
      capped: false,
    };
    if (r.clean && (peak.peak === null || r.offered > peak.peak)) {
      peak.peak = r.offered;
      peak.capped = r.offered >= maxRate;
    }
    keys.set(key, peak);
  }
  return [...keys.values()];
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en") : n.toFixed(2));

/** The goals, each judged from this run alone; null when a side is missing. */
export function judgeGoals(
  runs: RunRow[],
  peaks: Peak[],
  history: HistoryResult | null,
  connections: ConnectionsResult | null,
): Goal[] {
  const peak = (system: SystemName, workload: Workload) =>
    peaks.find((p) => p.system === system && p.workload === workload);
  const goals: Goal[] = [];
  const ratioGoal = (
    goal: string,
    workload: Workload,
    baseline: SystemName,
    needed: number,
  ): void => {
    const ours = peak("us", workload);
    const theirs = peak(baseline, workload);
    if (!ours || !theirs) return;
    const o = ours.peak ?? 0;
    const t = theirs.peak ?? 0;
    const ratio = t > 0 ? o / t : null;
    goals.push({
      goal,
      target: `≥ ${needed}×`,
      measured:
        ratio === null
          ? `us ${fmt(o)} vs ${baseline} none clean`
          : `${ratio.toFixed(2)}× (us ${fmt(o)}${ours.capped ? "+" : ""} / ${fmt(t)} msg/s)`,
      met: ratio === null ? null : ratio >= needed,
    });
  };
  ratioGoal("busy room vs store-then-broadcast", "busy", "store-then-broadcast", 5);
  ratioGoal("crowd room vs bare-broadcast", "crowd", "bare-broadcast", 0.5);

  for (const workload of ["crowd", "busy"] as const) {
    const theirs = peak("store-then-broadcast", workload)?.peak;
    if (!theirs) continue;
    const at = (system: SystemName) =>
      runs.find((r) => r.system === system && r.workload === workload && r.offered === theirs);
    const ours = at("us");
    const base = at("store-then-broadcast");
    if (!base || base.p99_ms === null) continue;
    const ok = ours?.p99_ms !== null && ours?.p99_ms !== undefined && ours.lost === 0;
    goals.push({
      goal: `${workload}: our p99 at store-then-broadcast's peak (${fmt(theirs)} msg/s)`,
      target: `≤ ${fmt(base.p99_ms)} ms`,
      measured: ok ? `${fmt(ours.p99_ms ?? 0)} ms` : "no clean run",
      met: ok ? (ours.p99_ms ?? 0) <= base.p99_ms : false,
    });
  }
  if (history) {
    goals.push({
      goal: `history ${fmt(history.rows_large)} / ${fmt(history.rows_small)} rows`,
      target: "≤ 1.2",
      measured: history.ratio_1m_10k.toFixed(2),
      met: history.ratio_1m_10k <= 1.2,
    });
  }
  if (connections) {
    goals.push({
      goal: "sockets held by one room",
      target: "≥ 10,000",
      measured: `${fmt(connections.held)} (${connections.stopped_because})`,
      met: connections.held >= 10_000,
    });
  }
  return goals;
}

/**
 * The shape of tests/bench/results/latest.json, and what is derived from the runs: each step's
 * medians and spread, and each system's peak with the range its runs allow. The goals are in
 * goals.ts.
 */
import type { Machine } from "./machine";
import { medianRun, type Spread, spreadOf } from "./repeats";
import type { SupportResult } from "./support";
import type { SystemName, Workload } from "./systems";

/**
 * One run of one system at one offered rate. Field names follow the issue (snake_case, units in
 * names).
 */
export type RunRow = {
  system: SystemName;
  workload: Workload;
  offered: number;
  /** 0-based: which of the step's runs this is. */
  repeat: number;
  /** Messages the open-loop schedule offered (rate × seconds): what clean is judged against. */
  planned: number;
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
  /** Why the run is not clean (see clean.ts); empty when it is. */
  not_clean: string[];
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
  /** The side traffic of a mixed workload (typing, reactions); null for the others. */
  side?: {
    typing_sent: number;
    reactions_posted: number;
    reactions_failed: number;
    /** Typing and reaction frames the clients received (summed over clients). */
    frames_received: number;
  } | null;
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

/** One system at one offered rate over all its runs: medians and (min–max) spreads. */
export type StepSummary = {
  system: SystemName;
  workload: Workload;
  offered: number;
  runs: number;
  clean_runs: number;
  /** The median run's verdict: at least 2 of 3 runs clean. */
  clean: boolean;
  stored_per_s: Spread | null;
  delivered_per_s: Spread | null;
  p50_ms: Spread | null;
  p99_ms: Spread | null;
  /** The worst run's counts: one loss in any run is worth seeing. */
  lost: number;
  doubled: number;
  reordered: number;
  server_cpu_pct: Spread | null;
  app_cpu_pct: Spread | null;
  db_cpu_pct: Spread | null;
  generator_cpu_pct: Spread | null;
  /** Each unclean run's reasons, e.g. "run 2: p99 310 ms > 250". */
  not_clean: string[];
};

/**
 * A system's highest clean step (`peak`, from median runs), and the range the runs allow: `low`
 * is the highest step at which every run was clean, `high` the highest at which any run was.
 */
export type Peak = {
  system: SystemName;
  workload: Workload;
  peak: number | null;
  low: number | null;
  high: number | null;
  /** The peak is the highest rate offered: the system may go further. */
  capped: boolean;
};

export type Goal = {
  goal: string;
  target: string;
  measured: string;
  met: boolean | null;
  /** For ratio goals: from the median peaks, and the worst and best pairing of low/high peaks. */
  ratio?: number | null;
  ratio_low?: number | null;
  ratio_high?: number | null;
};

export type PinningResult = {
  /** What the run did, in words ("generator on CPU 0, …" or "UNPINNED: …"). */
  note: string;
  /** The CPUs each watched process was allowed to use, read back from /proc. */
  observed: Record<string, string>;
};

export type BenchResults = {
  command: string;
  finished_at: string;
  duration_s: number;
  machine: Machine;
  settings: Record<string, string | number | boolean>;
  pinning: PinningResult;
  /** Every run; `steps` are their per-step medians, from which peaks and goals are judged. */
  runs: RunRow[];
  steps: StepSummary[];
  peaks: Peak[];
  goals: Goal[];
  history: HistoryResult | null;
  connections: ConnectionsResult | null;
  support: SupportResult | null;
};

/** Groups runs by system, workload and rate into steps, in the order the runs came. */
export function summarizeSteps(runs: RunRow[]): StepSummary[] {
  const groups = new Map<string, RunRow[]>();
  for (const r of runs) {
    const key = `${r.system}/${r.workload}/${r.offered}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map(summarizeStep);
}

function summarizeStep(runs: RunRow[]): StepSummary {
  const first = runs[0];
  if (!first) throw new Error("a step without runs");
  const of = (pick: (r: RunRow) => number | null) => spreadOf(runs.map(pick));
  const worst = (pick: (r: RunRow) => number) => Math.max(...runs.map(pick));
  return {
    system: first.system,
    workload: first.workload,
    offered: first.offered,
    runs: runs.length,
    clean_runs: runs.filter((r) => r.clean).length,
    clean: medianRun(runs)?.clean ?? false,
    stored_per_s: of((r) => r.stored_per_s),
    delivered_per_s: of((r) => r.delivered_per_s),
    p50_ms: of((r) => r.p50_ms),
    p99_ms: of((r) => r.p99_ms),
    lost: worst((r) => r.lost),
    doubled: worst((r) => r.doubled),
    reordered: worst((r) => r.reordered),
    server_cpu_pct: of((r) => r.server_cpu_pct),
    app_cpu_pct: of((r) => r.app_cpu_pct),
    db_cpu_pct: of((r) => r.db_cpu_pct),
    generator_cpu_pct: of((r) => r.generator_cpu_pct),
    not_clean: runs
      .filter((r) => !r.clean)
      .map((r) => `run ${r.repeat + 1}: ${r.not_clean.join(", ")}`),
  };
}

export function peaksOf(steps: StepSummary[], maxRate: number): Peak[] {
  const keys = new Map<string, Peak>();
  const higher = (current: number | null, rate: number) =>
    current === null || rate > current ? rate : current;
  for (const s of steps) {
    const key = `${s.system}/${s.workload}`;
    const peak = keys.get(key) ?? {
      system: s.system,
      workload: s.workload,
      peak: null,
      low: null,
      high: null,
      capped: false,
    };
    if (s.clean) peak.peak = higher(peak.peak, s.offered);
    if (s.runs > 0 && s.clean_runs === s.runs) peak.low = higher(peak.low, s.offered);
    if (s.clean_runs > 0) peak.high = higher(peak.high, s.offered);
    peak.capped = peak.peak !== null && peak.peak >= maxRate;
    keys.set(key, peak);
  }
  return [...keys.values()];
}

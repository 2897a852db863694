/**
 * Steps one system through rising rates in one workload. Every step gets a channel (a room) of
 * its own, so a backlog never spills into the next step's numbers; the steps stop at the first
 * one the system fell behind in (something not delivered, or p99 over a second).
 */
import { signRoomToken } from "../../party/token";
import type { BenchDb, BenchUser } from "./bench-db";
import { LoadGenerator, type StepOutcome } from "./load-generator";
import { ProcessSampler, type ProcessUsage } from "./process-stats";
import { isClean, type RunRow } from "./results";
import { type LiveSystem, type SystemName, WORKLOADS, type Workload } from "./systems";

export type StepSettings = {
  rates: number[];
  durationMs: number;
  drainMs: number;
  /** Distinguishes this run's channels from any other run's in the same database. */
  tag: string;
};

const SHORT: Record<SystemName, string> = {
  us: "us",
  "store-then-broadcast": "stb",
  "store-then-broadcast-concurrent": "stbc",
  "bare-broadcast": "bare",
};

type StepArgs = {
  system: LiveSystem;
  workload: Workload;
  settings: StepSettings;
  db: BenchDb;
  users: BenchUser[];
  secret: string;
  log: (line: string) => void;
};

export async function runSteps(args: StepArgs): Promise<RunRow[]> {
  const { system, workload, settings, log } = args;
  // Unrecorded: the first messages through a fresh process pay for JIT compilation and
  // connection pools, which is not what the steps measure.
  const warm = await runStep(args, Math.min(250, settings.rates[0] ?? 250), 1_500, "warm");
  if (!keptUp(warm)) log(`${system.name} ${workload}: the warm-up fell behind`);
  const rows: RunRow[] = [];
  for (const rate of settings.rates) {
    const row = await runStep(args, rate, settings.durationMs, String(rate));
    rows.push(row);
    if (!keptUp(row)) break;
  }
  return rows;
}

/** One step in a channel of its own: connect, send for `durationMs`, drain, check. */
async function runStep(
  args: StepArgs,
  rate: number,
  durationMs: number,
  suffix: string,
): Promise<RunRow> {
  const { system, workload, settings, db, log } = args;
  const { clients, senders } = WORKLOADS[workload];
  const slug = `${settings.tag}-${workload}-${SHORT[system.name]}-${suffix}`;
  const channelId = await db.createChannel(slug);
  const urls = await Promise.all(
    args.users.slice(0, clients).map(async (u) => {
      const token = await signRoomToken({
        user: { id: u.id, name: u.name, image: null, role: "member" },
        channel: slug,
        secret: args.secret,
        ttlSeconds: 3_600,
      });
      return `${system.wsBase}/parties/main/${slug}?token=${token}`;
    }),
  );

  let generator: LoadGenerator;
  try {
    generator = await LoadGenerator.connect(urls, system.readyOn, 30_000);
  } catch (error) {
    const message = (error as Error).message;
    log(`${system.name} ${workload} ${rate}/s: could not connect: ${message}`);
    return failedRow(system, workload, rate, durationMs, message);
  }
  // Let the room's coalesced presence broadcast for the joins go out before measuring.
  await new Promise((r) => setTimeout(r, 300));
  const countersBefore = system.table ? await db.counters() : null;
  const sampler = new ProcessSampler({ ...system.pids, generator: process.pid });
  const outcome = await generator.run({ rate, senders, durationMs, drainMs: settings.drainMs });
  const usage = sampler.stop();
  const countersAfter = system.table ? await db.counters() : null;
  await generator.close();
  const stored = system.table
    ? await db.stored(system.table, channelId, outcome.windowStartEpochMs, outcome.windowEndEpochMs)
    : null;
  const row = toRow({ system, workload, rate, durationMs, outcome, usage, stored });
  if (countersBefore && countersAfter && outcome.sent > 0) {
    row.db_queries_per_msg = round((countersAfter.queries - countersBefore.queries) / outcome.sent);
    row.db_rows_read_per_msg = round(
      (countersAfter.rowsRead - countersBefore.rowsRead) / outcome.sent,
    );
  }
  if (suffix !== "warm") log(progressLine(row, outcome));
  if (!keptUp(row)) await system.settle(channelId);
  return row;
}

/** Behind: something was not delivered, or the tail latency passed a second. */
function keptUp(row: RunRow): boolean {
  return !row.error && row.lost === 0 && row.p99_ms !== null && row.p99_ms < 1_000;
}

function toRow(args: {
  system: LiveSystem;
  workload: Workload;
  rate: number;
  durationMs: number;
  outcome: StepOutcome;
  usage: Record<string, ProcessUsage>;
  stored: { total: number; inWindow: number; batches: number } | null;
}): RunRow {
  const { outcome, usage, stored } = args;
  const seconds = args.durationMs / 1000;
  const num = (n: number) => (Number.isFinite(n) ? round(n) : null);
  const row: Omit<RunRow, "clean"> = {
    system: args.system.name,
    workload: args.workload,
    offered: args.rate,
    clients: WORKLOADS[args.workload].clients,
    senders: WORKLOADS[args.workload].senders,
    duration_s: seconds,
    sent: outcome.sent,
    acked: outcome.acked,
    rejected: outcome.rejected,
    stored: stored ? stored.total : null,
    stored_per_s: stored ? round(stored.inWindow / seconds) : null,
    delivered_per_s: round(outcome.deliveredInWindow / seconds),
    p50_ms: num(outcome.p50),
    p95_ms: num(outcome.p95),
    p99_ms: num(outcome.p99),
    max_ms: num(outcome.max),
    lost: outcome.lost,
    missing_deliveries: outcome.missingDeliveries,
    doubled: outcome.doubled,
    reordered: outcome.reordered,
    drained_after_ms: outcome.drainedAfterMs === null ? null : round(outcome.drainedAfterMs),
    server_cpu_pct: round(usage.server?.cpuPercent ?? 0),
    server_rss_mb: round(usage.server?.rssMaxMb ?? 0),
    app_cpu_pct: usage.app ? round(usage.app.cpuPercent) : null,
    app_rss_mb: usage.app ? round(usage.app.rssMaxMb) : null,
    db_cpu_pct: usage.db ? round(usage.db.cpuPercent) : null,
    generator_cpu_pct: round(usage.generator?.cpuPercent ?? 0),
    generator_lag_max_ms: round(outcome.generatorLagMaxMs),
    store_batches: stored ? stored.batches : null,
    db_queries_per_msg: null,
    db_rows_read_per_msg: null,
  };
  // A stored message the clients never saw, or one they saw but MySQL lacks, is also a loss.
  return { ...row, clean: isClean(row) && (stored === null || stored.total === outcome.sent) };
}

function failedRow(
  system: LiveSystem,
  workload: Workload,
  rate: number,
  durationMs: number,
  error: string,
): RunRow {
  return {
    system: system.name,
    workload,
    offered: rate,
    clients: WORKLOADS[workload].clients,
    senders: WORKLOADS[workload].senders,
    duration_s: durationMs / 1000,
    sent: 0,
    acked: 0,
    rejected: 0,
    stored: null,
    stored_per_s: null,
    delivered_per_s: 0,
    p50_ms: null,
    p95_ms: null,
    p99_ms: null,
    max_ms: null,
    lost: 0,
    missing_deliveries: 0,
    doubled: 0,
    reordered: 0,
    clean: false,
    drained_after_ms: null,
    server_cpu_pct: 0,
    server_rss_mb: 0,
    app_cpu_pct: null,
    app_rss_mb: null,
    db_cpu_pct: null,
    generator_cpu_pct: 0,
    generator_lag_max_ms: 0,
    store_batches: null,
    db_queries_per_msg: null,
    db_rows_read_per_msg: null,
    error,
  };
}

function progressLine(row: RunRow, outcome: StepOutcome): string {
  const parts = [
    `${row.system} ${row.workload} ${row.offered}/s:`,
    `sent ${row.sent}, acked ${row.acked}, stored ${row.stored ?? "-"}, rejected ${row.rejected}`,
    `p50/p99 ${row.p50_ms}/${row.p99_ms} ms`,
    `lost ${row.lost}, doubled ${row.doubled}, reordered ${row.reordered}`,
    `cpu server ${row.server_cpu_pct}%${row.app_cpu_pct === null ? "" : ` app ${row.app_cpu_pct}%`}${row.db_cpu_pct === null ? "" : ` db ${row.db_cpu_pct}%`} gen ${row.generator_cpu_pct}%`,
    row.store_batches ? `batches ${row.store_batches}` : "",
    row.db_queries_per_msg === null
      ? ""
      : `db ${row.db_queries_per_msg} queries, ${row.db_rows_read_per_msg} rows read per msg`,
    outcome.unexpected ? `unexpected frames ${outcome.unexpected}` : "",
    row.clean ? "clean" : "NOT clean",
  ];
  return parts.filter(Boolean).join(" | ");
}

const round = (n: number) => Math.round(n * 10) / 10;

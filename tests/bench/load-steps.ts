/**
 * Steps one system through rising rates in one workload, each step run `repeats` times. Every
 * run gets a channel (a room) of its own and starts only once the system has worked off any
 * backlog of the run before, so one run's overload never spills into the next one's numbers.
 * The ladder stops at the first step that is not clean (judged on its median run); then
 * `refine` more steps bisect the gap between the highest clean step and it, since a ladder
 * that doubles cannot tell a peak of 2,000 from one of 3,900.
 */
import { bearerHeader } from "../../party/keys";
import type { RoomCommand } from "../../party/protocol";
import { signRoomToken } from "../../party/token";
import type { BenchDb, BenchUser } from "./bench-db";
import { whyNotClean } from "./clean";
import { LoadGenerator, type SidePlan, type StepOutcome } from "./load-generator";
import { ProcessSampler, type ProcessUsage } from "./process-stats";
import { failedForSure, medianRun, rateBetween } from "./repeats";
import type { RunRow } from "./results";
import {
  type LiveSystem,
  type SystemName,
  WORKLOADS,
  type Workload,
  type WorkloadShape,
} from "./systems";

export type StepSettings = {
  rates: number[];
  durationMs: number;
  drainMs: number;
  /** Runs per step (the verdict is the median run's). */
  repeats: number;
  /** Extra steps bisecting between the highest clean step and the first unclean one. */
  refine: number;
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
  const warm = await runOnce(args, Math.min(250, settings.rates[0] ?? 250), 1_500, "warm", 0);
  if (!warm.clean) {
    log(`${system.name} ${workload}: the warm-up was not clean (${warm.not_clean.join(", ")})`);
  }
  const rows: RunRow[] = [];
  let clean: number | null = null;
  let unclean: number | null = null;
  for (const rate of settings.rates) {
    const step = await runStep(args, rate);
    rows.push(...step.runs);
    if (!step.clean) {
      unclean = rate;
      break;
    }
    clean = rate;
  }
  for (let i = 0; i < settings.refine && unclean !== null; i++) {
    // Not even the lowest step was clean: halve it, so the system still gets a peak.
    const rate = clean === null ? Math.round(unclean / 2) : rateBetween(clean, unclean);
    if (rate === null || rate < 1) break;
    const step = await runStep(args, rate);
    rows.push(...step.runs);
    if (step.clean) clean = rate;
    else unclean = rate;
  }
  return rows;
}

/** All runs of one step; stops early once the step cannot be clean any more. */
async function runStep(args: StepArgs, rate: number): Promise<{ runs: RunRow[]; clean: boolean }> {
  const { repeats, durationMs } = args.settings;
  const runs: RunRow[] = [];
  for (let r = 0; r < repeats; r++) {
    runs.push(await runOnce(args, rate, durationMs, `${rate}-${r}`, r));
    if (failedForSure(runs, repeats)) break;
  }
  const verdict = medianRun(runs)?.clean ?? false;
  if (runs.length > 1) {
    args.log(
      `${args.system.name} ${args.workload} ${rate}/s: ${runs.filter((r) => r.clean).length}/${runs.length} runs clean: step ${verdict ? "clean" : "NOT clean"}`,
    );
  }
  return { runs, clean: verdict };
}

/** One run in a channel of its own: connect, send for `durationMs`, drain, check. */
async function runOnce(
  args: StepArgs,
  rate: number,
  durationMs: number,
  suffix: string,
  repeat: number,
): Promise<RunRow> {
  const { system, workload, settings, db, log } = args;
  const shape: WorkloadShape = WORKLOADS[workload];
  const { clients, senders } = shape;
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
    return failedRow({ system, workload, rate, durationMs, repeat, error: message });
  }
  // Let the room's coalesced presence broadcast for the joins go out before measuring.
  await new Promise((r) => setTimeout(r, 300));
  const countersBefore = system.table ? await db.counters() : null;
  const sampler = new ProcessSampler({ ...system.pids, generator: process.pid });
  const side = shape.side
    ? await sidePlan(system, slug, args.users.slice(0, clients), args.secret, shape.side)
    : undefined;
  const outcome = await generator.run({
    rate,
    senders,
    durationMs,
    drainMs: settings.drainMs,
    side,
  });
  const usage = sampler.stop();
  const countersAfter = system.table ? await db.counters() : null;
  await generator.close();
  const stored = system.table
    ? await db.stored(system.table, channelId, outcome.windowStartEpochMs, outcome.windowEndEpochMs)
    : null;
  const row = toRow({ system, workload, rate, durationMs, repeat, outcome, usage, stored });
  if (countersBefore && countersAfter && outcome.sent > 0) {
    row.db_queries_per_msg = round((countersAfter.queries - countersBefore.queries) / outcome.sent);
    row.db_rows_read_per_msg = round(
      (countersAfter.rowsRead - countersBefore.rowsRead) / outcome.sent,
    );
  }
  if (suffix !== "warm") log(progressLine(row, outcome));
  // The next run must find the system idle, not still storing this one's backlog.
  if (!row.clean) await system.settle(channelId, outcome.sent);
  return row;
}

/**
 * Typing from the first clients and reaction commands POSTed to the room the way Next.js sends
 * them (app/_lib/room-notify.ts: the room's own URL, the bearer derived from PARTY_SECRET). The
 * reactions name messages that need not exist: the room relays what Next.js tells it unread.
 */
async function sidePlan(
  system: LiveSystem,
  slug: string,
  users: BenchUser[],
  secret: string,
  load: NonNullable<WorkloadShape["side"]>,
): Promise<SidePlan> {
  const url = `${system.wsBase.replace(/^ws/, "http")}/parties/main/${slug}`;
  const authorization = await bearerHeader(secret);
  return {
    typists: load.typists,
    reactionsPerSecond: load.reactionsPerSecond,
    postReaction: async (k) => {
      const user = users[k % users.length];
      if (!user) return false;
      const command: RoomCommand = {
        type: "reaction",
        event: {
          messageId: 1 + (k % 50),
          emoji: ["👍", "🎉", "❤️"][k % 3] ?? "👍",
          user: { id: user.id, name: user.name },
          added: k % 2 === 0,
          count: (k + 1) % 2,
        },
      };
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify(command),
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      return response.ok;
    },
  };
}

function toRow(args: {
  system: LiveSystem;
  workload: Workload;
  rate: number;
  durationMs: number;
  repeat: number;
  outcome: StepOutcome;
  usage: Record<string, ProcessUsage>;
  stored: { total: number; inWindow: number; batches: number } | null;
}): RunRow {
  const { outcome, usage, stored } = args;
  const seconds = args.durationMs / 1000;
  const num = (n: number) => (Number.isFinite(n) ? round(n) : null);
  const row: Omit<RunRow, "clean" | "not_clean"> = {
    system: args.system.name,
    workload: args.workload,
    offered: args.rate,
    repeat: args.repeat,
    planned: plannedMessages(args.rate, args.durationMs),
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
    side: outcome.side
      ? {
          typing_sent: outcome.side.typingSent,
          reactions_posted: outcome.side.reactionsPosted,
          reactions_failed: outcome.side.reactionsFailed,
          frames_received: outcome.side.framesReceived,
        }
      : null,
  };
  const notClean = whyNotClean({ ...row, side_failed: outcome.side?.reactionsFailed ?? 0 });
  return { ...row, clean: notClean.length === 0, not_clean: notClean };
}

/** What the open-loop schedule offers in a step (the generator's own count, see run()). */
function plannedMessages(rate: number, durationMs: number): number {
  return Math.floor((rate * durationMs) / 1000);
}

function failedRow(args: {
  system: LiveSystem;
  workload: Workload;
  rate: number;
  durationMs: number;
  repeat: number;
  error: string;
}): RunRow {
  const { system, workload, rate, durationMs, error } = args;
  return {
    system: system.name,
    workload,
    offered: rate,
    repeat: args.repeat,
    planned: plannedMessages(rate, durationMs),
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
    not_clean: [`error: ${error}`],
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
    side: null,
    error,
  };
}

function progressLine(row: RunRow, outcome: StepOutcome): string {
  const parts = [
    `${row.system} ${row.workload} ${row.offered}/s #${row.repeat + 1}:`,
    `sent ${row.sent}, acked ${row.acked}, stored ${row.stored ?? "-"}, rejected ${row.rejected}`,
    `p50/p99 ${row.p50_ms}/${row.p99_ms} ms`,
    `lost ${row.lost}, doubled ${row.doubled}, reordered ${row.reordered}`,
    `cpu server ${row.server_cpu_pct}%${row.app_cpu_pct === null ? "" : ` app ${row.app_cpu_pct}%`}${row.db_cpu_pct === null ? "" : ` db ${row.db_cpu_pct}%`} gen ${row.generator_cpu_pct}%`,
    row.store_batches ? `batches ${row.store_batches}` : "",
    row.db_queries_per_msg === null
      ? ""
      : `db ${row.db_queries_per_msg} queries, ${row.db_rows_read_per_msg} rows read per msg`,
    outcome.unexpected ? `unexpected frames ${outcome.unexpected}` : "",
    row.side
      ? `side: typing ${row.side.typing_sent} sent, reactions ${row.side.reactions_posted} posted (${row.side.reactions_failed} failed), ${row.side.frames_received} side frames received`
      : "",
    row.clean ? "clean" : `NOT clean (${row.not_clean.join(", ")})`,
  ];
  return parts.filter(Boolean).join(" | ");
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * `npm run bench [-- flags]`. Every flag changes the numbers, so the ones used are written into
 * the results next to them.
 *   --quick              reduced run (about 4 minutes): fewer, shorter steps (still 3 runs
 *                        each) and no refining steps, no concurrent variant, 100k history
 *                        rows, 2,000 sockets
 *   --rows N             messages in the large history channel (default 1,000,000; up to 10M)
 *   --only a,b           parts to run: load, history, connections, widget (the loader's size;
 *                        needs no servers), support (many support conversations at once;
 *                        about 2 minutes) (default all but support)
 *   --systems a,b        systems for the load part (default all)
 *   --workloads a,b      load workloads: crowd, crowd-mix (crowd with typing and reactions;
 *                        ours only), busy (default all three)
 *   --rates a,b          offered rates in msg/s (default 250,500,1000,2000,4000,6000,8000)
 *   --seconds N          length of each load step
 *   --repeats N          runs per step (default 3); the step's verdict is its median run's
 *   --refine N           steps bisecting between the highest clean step and the first unclean
 *                        one (default 2; --quick 0)
 *   --no-pin             run without taskset: generator and servers share every CPU
 *   --sockets N          most sockets for the connections part (default 10,000)
 *   --pool N             DATABASE_POOL_SIZE for the app (default: the app's own default)
 *   --relaxed            keep the test server's innodb_flush_log_at_trx_commit=2 (no fsync per
 *                        commit) instead of setting MySQL's production default, 1
 *   --no-concurrent      leave out the store-then-broadcast-concurrent variant (--quick does)
 *   --conversations N    support: visitor conversations open at once (default 200)
 *   --agents N           support: agents, each with a socket in its share of them (default 2)
 *   --support-rates a,b  support: total msg/s the visitors send, a step each (default
 *                        25,50,100,200)
 *   --support-seconds N  support: length of each step (default 12)
 *   --no-poll            support: the chat pages do not poll their state (to see what it costs)
 *   --out FILE           where to write the JSON (default results/latest.json for a full run,
 *                        results/quick.json for --quick, results/partial.json otherwise)
 */
import path from "node:path";
import { SYSTEMS, type SystemName, WORKLOAD_NAMES, type Workload } from "./systems";

export type Part = "load" | "history" | "connections" | "widget" | "support";
const PARTS: Part[] = ["load", "history", "connections", "widget", "support"];
/** A plain `npm run bench` compares systems; the support part is asked for by name. */
const DEFAULT_PARTS: Part[] = ["load", "history", "connections", "widget"];

export type BenchOptions = {
  quick: boolean;
  parts: Set<Part>;
  systems: SystemName[];
  workloads: Workload[];
  rates: number[];
  stepMs: number;
  drainMs: number;
  repeats: number;
  refine: number;
  /** Pin the generator and the systems to CPUs of their own (see pinning.ts). */
  pin: boolean;
  historySmall: number;
  historyLarge: number;
  socketSteps: number[];
  poolSize: number | null;
  /** innodb_flush_log_at_trx_commit for the run: 1 (durable, MySQL's default) or 2. */
  flushLogAtCommit: 1 | 2;
  support: {
    conversations: number;
    agents: number;
    rates: number[];
    stepMs: number;
    drainMs: number;
    poll: boolean;
  };
  out: string;
};

function flag(args: string[], name: string): string | null {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

function positive(value: string | null, name: string): number | null {
  if (value === null) return null;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
  return n;
}

function list(value: string | null): string[] | null {
  return value === null
    ? null
    : value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
}

export function parseOptions(args: string[]): BenchOptions {
  const quick = args.includes("--quick");
  const parts = new Set(
    (list(flag(args, "--only")) ?? DEFAULT_PARTS).map((p) => {
      const known = PARTS.find((k) => k === p);
      if (!known) throw new Error(`--only ${p}? (${PARTS.join(", ")})`);
      return known;
    }),
  );
  const defaultSystems = SYSTEMS.filter(
    (s) => s !== "store-then-broadcast-concurrent" || !(quick || args.includes("--no-concurrent")),
  );
  const systems = (list(flag(args, "--systems")) ?? defaultSystems).map((s) => {
    const known = SYSTEMS.find((k) => k === s);
    if (!known) throw new Error(`--systems: unknown system ${s} (${SYSTEMS.join(", ")})`);
    return known;
  });
  const workloads = (list(flag(args, "--workloads")) ?? WORKLOAD_NAMES).map((w) => {
    const known = WORKLOAD_NAMES.find((k) => k === w);
    if (!known)
      throw new Error(`--workloads: unknown workload ${w} (${WORKLOAD_NAMES.join(", ")})`);
    return known;
  });
  const rates =
    list(flag(args, "--rates"))?.map((r) => positive(r, "--rates") ?? 0) ??
    (quick ? [250, 500, 1_000, 2_000, 4_000] : [250, 500, 1_000, 2_000, 4_000, 6_000, 8_000]);
  const seconds = positive(flag(args, "--seconds"), "--seconds") ?? (quick ? 2 : 5);
  const maxSockets = positive(flag(args, "--sockets"), "--sockets") ?? (quick ? 2_000 : 10_000);
  const socketSteps = [500, 1_000, 2_000, 3_000, 4_000, 6_000, 8_000, 10_000, 15_000, 20_000]
    .filter((n) => n < maxSockets)
    .concat(maxSockets);
  const custom =
    flag(args, "--only") !== null ||
    flag(args, "--systems") !== null ||
    flag(args, "--workloads") !== null ||
    flag(args, "--rates") !== null ||
    flag(args, "--seconds") !== null ||
    flag(args, "--repeats") !== null ||
    flag(args, "--refine") !== null ||
    args.includes("--no-pin");
  const out =
    flag(args, "--out") ??
    path.join(
      "tests/bench/results",
      parts.size === 1 && parts.has("support")
        ? "support.json"
        : custom
          ? "partial.json"
          : quick
            ? "quick.json"
            : "latest.json",
    );
  return {
    quick,
    parts,
    systems,
    workloads,
    rates: [...rates].sort((a, b) => a - b),
    stepMs: seconds * 1000,
    drainMs: quick ? 2_000 : 4_000,
    repeats: Math.round(positive(flag(args, "--repeats"), "--repeats") ?? 3),
    refine:
      flag(args, "--refine") === "0"
        ? 0
        : Math.round(positive(flag(args, "--refine"), "--refine") ?? (quick ? 0 : 2)),
    pin: !args.includes("--no-pin"),
    historySmall: 10_000,
    historyLarge: positive(flag(args, "--rows"), "--rows") ?? (quick ? 100_000 : 1_000_000),
    socketSteps,
    poolSize: positive(flag(args, "--pool"), "--pool"),
    flushLogAtCommit: args.includes("--relaxed") ? 2 : 1,
    support: {
      conversations: Math.round(positive(flag(args, "--conversations"), "--conversations") ?? 200),
      agents: Math.round(positive(flag(args, "--agents"), "--agents") ?? 2),
      rates: (
        list(flag(args, "--support-rates"))?.map((r) => positive(r, "--support-rates") ?? 0) ?? [
          25, 50, 100, 200,
        ]
      ).sort((a, b) => a - b),
      stepMs: (positive(flag(args, "--support-seconds"), "--support-seconds") ?? 12) * 1000,
      drainMs: 10_000,
      poll: !args.includes("--no-poll"),
    },
    out,
  };
}

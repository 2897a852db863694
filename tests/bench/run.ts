/**
 * `npm run bench`: one room of ours against the classic store-then-broadcast design and a bare
 * broadcast server, on this machine, in one run, driven by one load generator (see README,
 * "Performance"). Starts everything it measures itself and stops it all at the end, or at a
 * hard deadline. Flags: see options.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { labelled } from "../../db/local/processes";
import { TYPING_EVERY_MS } from "../../party/protocol";
import { BenchDb } from "./bench-db";
import { P99_LIMIT_MS } from "./clean";
import { measureConnections } from "./connections";
import { judgeGoals } from "./goals";
import { measureHistory } from "./history";
import { runSteps } from "./load-steps";
import { describeMachine } from "./machine";
import { parseOptions } from "./options";
import { allowedCpus, pinSelf, planPinning } from "./pinning";
import { ensureBuild, ROOM_VARS, startProductStack } from "./product-stack";
import {
  type BenchResults,
  type ConnectionsResult,
  type HistoryResult,
  peaksOf,
  type RunRow,
  summarizeSteps,
} from "./results";
import type { SupportResult } from "./support";
import { measureSupport } from "./support";
import { runsWorkload, startSystem, WORKLOADS } from "./systems";
import { report } from "./table";
import { measureWidgetSize, widgetSizeTable } from "./widget-size";

const say = labelled("bench");
const log = (line: string) => say(`${line}\n`);

async function main(): Promise<void> {
  const startedAt = performance.now();
  const options = parseOptions(process.argv.slice(2));
  // The loader's size needs no servers: printed first, and alone it is the whole run.
  if (options.parts.has("widget")) {
    console.log(`\n${widgetSizeTable(measureWidgetSize())}\n`);
    if (options.parts.size === 1) return;
  }
  // Everything below is bounded on its own; this is the backstop if something hangs anyway.
  const hardStop = setTimeout(
    () => {
      log("hard deadline passed: stopping");
      void cleanup().finally(() => process.exit(2));
    },
    (options.quick ? 8 : 60) * 60_000,
  );
  hardStop.unref();

  // The build is not measured: it gets both cores, and the pinning starts after it.
  ensureBuild(log);
  const { pinning, note } = planPinning(!options.pin);
  if (pinning) pinSelf(pinning.generator);
  log(note);
  const observed: Record<string, string> = {};
  /** Reads back where a process may run, and says so when it is not where it was meant to be. */
  const checkPinned = (name: string, pid: number, want: string | undefined) => {
    const cpus = allowedCpus(pid) ?? "?";
    observed[name] = cpus;
    if (want !== undefined && cpus !== want)
      log(`WARNING: ${name} (pid ${pid}) runs on CPUs ${cpus}, not ${want}`);
  };
  checkPinned("generator", process.pid, pinning?.generator);

  const stack = await startProductStack({
    poolSize: options.poolSize ?? undefined,
    cpu: pinning?.systems,
  });
  const db = new BenchDb(stack.db.url);
  cleanups.push(
    () => stack.stop(),
    () => db.close(),
  );
  log(
    `app ${stack.app.url} (pid ${stack.appPid}), room ${stack.party.url} (workerd pid ${stack.roomPid})`,
  );
  checkPinned("room", stack.roomPid, pinning?.systems);
  checkPinned("app", stack.appPid, pinning?.systems);
  if (stack.dbPid) checkPinned("db", stack.dbPid, pinning?.systems);
  // A server we did not start (DATABASE_URL) runs wherever it runs.
  else observed.db = "not started by the bench: unpinned";
  log(
    `allowed CPUs: ${Object.entries(observed)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );

  // The throwaway server relaxes durability to speed the tests up; a production MySQL syncs the
  // log at every commit, which is exactly the cost the classic design pays once per message.
  await db.pool.query(`SET GLOBAL innodb_flush_log_at_trx_commit = ${options.flushLogAtCommit}`);
  const machine = describeMachine(await db.version());
  const tag = `b${Date.now().toString(36).slice(-6)}`;
  const users = await db.createUsers(`${tag}u`, 100);
  const runs: RunRow[] = [];

  if (options.parts.has("load")) {
    await db.createBaselineTable();
    for (const workload of options.workloads) {
      for (const name of options.systems) {
        if (!runsWorkload(name, workload)) continue;
        const system = await startSystem(name, {
          partyPort: stack.roomPort,
          roomPid: stack.roomPid,
          appPid: stack.appPid,
          dbPid: stack.dbPid,
          secret: stack.partySecret,
          databaseUrl: stack.db.url,
          db,
          cpu: pinning?.systems,
        });
        cleanups.push(() => system.stop());
        if (system.pids.server && name !== "us") {
          checkPinned(name, system.pids.server, pinning?.systems);
        }
        try {
          runs.push(
            ...(await runSteps({
              system,
              workload,
              settings: {
                rates: options.rates,
                durationMs: options.stepMs,
                drainMs: options.drainMs,
                repeats: options.repeats,
                refine: options.refine,
                tag,
              },
              db,
              users,
              secret: stack.partySecret,
              log,
            })),
          );
        } finally {
          await system.stop();
        }
      }
    }
  }

  let history: HistoryResult | null = null;
  if (options.parts.has("history")) {
    history = await measureHistory({
      db,
      appUrl: stack.app.url,
      small: options.historySmall,
      large: options.historyLarge,
      tag,
      authors: users.slice(0, 10),
      queryRounds: options.quick ? 150 : 400,
      pageRounds: options.quick ? 15 : 40,
      budgetMs: (options.quick ? 15 : 40) * 1000,
      log,
    });
  }

  let connections: ConnectionsResult | null = null;
  if (options.parts.has("connections")) {
    connections = await measureConnections({
      db,
      partyPort: stack.roomPort,
      roomPid: stack.roomPid,
      secret: stack.partySecret,
      steps: options.socketSteps,
      tag,
      budgetMs: (options.quick ? 45 : 180) * 1000,
      log,
    });
  }

  let support: SupportResult | null = null;
  if (options.parts.has("support")) {
    support = await measureSupport({
      db,
      appUrl: stack.app.url,
      partyHost: `127.0.0.1:${stack.roomPort}`,
      nextAuthSecret: stack.nextAuthSecret,
      pids: { room: stack.roomPid, app: stack.appPid, db: stack.dbPid },
      systemsCpu: pinning?.systems,
      ...options.support,
      log,
    });
  }

  const steps = summarizeSteps(runs);
  const peaks = peaksOf(steps, Math.max(...options.rates));
  const results: BenchResults = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    finished_at: new Date().toISOString(),
    duration_s: Math.round((performance.now() - startedAt) / 1000),
    machine,
    settings: {
      quick: options.quick,
      step_seconds: options.stepMs / 1000,
      drain_seconds: options.drainMs / 1000,
      rates: options.rates.join(","),
      repeats: options.repeats,
      refine_steps: options.refine,
      clean: `every offered message acked, stored and delivered to every client once, in order; p99 ≤ ${P99_LIMIT_MS} ms`,
      crowd: `${WORKLOADS.crowd.clients} clients, ${WORKLOADS.crowd.senders} senders`,
      busy: `${WORKLOADS.busy.clients} clients, ${WORKLOADS.busy.senders} senders`,
      "crowd-mix": `${WORKLOADS["crowd-mix"].clients} clients, ${WORKLOADS["crowd-mix"].senders} senders, ${WORKLOADS["crowd-mix"].side.typists} typing (a frame every ${TYPING_EVERY_MS / 1000} s each), ${WORKLOADS["crowd-mix"].side.reactionsPerSecond} reaction commands/s (us only)`,
      workloads: options.workloads.join(","),
      app_pool_size: options.poolSize ?? "default (10)",
      room_vars: Object.entries(ROOM_VARS)
        .map(([k, v]) => `${k}=${v}`)
        .join(" "),
      database: `throwaway MariaDB/MySQL server from the binary, innodb_flush_log_at_trx_commit=${options.flushLogAtCommit}`,
      ...(options.parts.has("support") && {
        support: `${options.support.conversations} conversations, ${options.support.agents} agents, ${options.support.rates.join(",")} msg/s for ${options.support.stepMs / 1000} s each${options.support.poll ? "" : ", no state polls"}`,
      }),
    },
    pinning: { note, observed },
    runs,
    steps,
    peaks,
    goals: judgeGoals(steps, peaks, history, connections),
    history,
    connections,
    support,
  };
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${report(results)}\n`);
  log(`wrote ${options.out}`);
}

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;
/** Stops everything started, once: a signal and the failure it causes share one cleanup. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const stop of cleanups.splice(0).reverse()) {
      await stop().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanup();
    process.exit(1);
  });

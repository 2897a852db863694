/**
 * Which CPU the load generator runs on and which one every system under test runs on. On a
 * shared 2-core machine, an unpinned generator and the servers it measures take turns on both
 * cores as the scheduler pleases, and two runs disagree by 2× on the same code. Pinned, each side
 * owns one core: the servers' numbers are "per core" and no longer depend on how busy the
 * generator happens to be.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export type Pinning = {
  /** taskset lists: the generator's CPU, and the one CPU every server under test shares. */
  generator: string;
  systems: string;
};

export type PinningPlan = { pinning: Pinning | null; note: string };

/** A kernel CPU list ("0-1", "0,2-3") as CPU numbers, ascending. */
export function parseCpuList(list: string): number[] {
  const cpus = new Set<number>();
  for (const part of list.trim().split(",")) {
    if (!part) continue;
    const [from, to] = part.split("-").map((n) => Number(n));
    if (from === undefined || !Number.isInteger(from)) throw new Error(`bad CPU list: ${list}`);
    const last = to === undefined ? from : to;
    if (!Number.isInteger(last) || last < from) throw new Error(`bad CPU list: ${list}`);
    for (let c = from; c <= last; c++) cpus.add(c);
  }
  return [...cpus].sort((a, b) => a - b);
}

/**
 * The generator on the first CPU this process may use, the systems on the second: one core each,
 * also on bigger machines, so that the numbers compare across machines as "one core's worth".
 */
export function choosePinning(allowed: number[], tasksetFound: boolean): PinningPlan {
  if (!tasksetFound) {
    return { pinning: null, note: "UNPINNED: taskset not found (util-linux); numbers are noisier" };
  }
  const [generator, systems] = allowed;
  if (generator === undefined || systems === undefined) {
    return { pinning: null, note: `UNPINNED: only CPU ${allowed.join(",")} available` };
  }
  return {
    pinning: { generator: String(generator), systems: String(systems) },
    note: `generator on CPU ${generator}, every system under test on CPU ${systems} (taskset)`,
  };
}

/** The CPUs a process may run on, from /proc; null off Linux or once it is gone. */
export function allowedCpus(pid: number | "self"): string | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? null;
  } catch {
    return null;
  }
}

function tasksetFound(): boolean {
  const result = spawnSync("taskset", ["--version"], { stdio: "ignore" });
  return !result.error && result.status === 0;
}

/** Decides the pinning for this run; `disabled` is --no-pin. */
export function planPinning(disabled: boolean): PinningPlan {
  if (disabled) return { pinning: null, note: "UNPINNED: --no-pin" };
  const own = allowedCpus("self");
  if (own === null) return { pinning: null, note: "UNPINNED: no /proc (not Linux)" };
  return choosePinning(parseCpuList(own), tasksetFound());
}

/**
 * Moves this process, every thread included (-a: libuv's pool and V8's helpers run beside the
 * event loop), onto `cpu`. Threads started later inherit it.
 */
export function pinSelf(cpu: string): void {
  const result = spawnSync("taskset", ["-a", "-p", "-c", cpu, String(process.pid)], {
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`taskset could not pin the generator: ${result.stderr || result.error}`);
  }
}

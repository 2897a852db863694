/**
 * CPU and memory of the processes under test, read from /proc (Linux). The servers are started
 * by shared helpers that do not hand out their pids, and `wrangler dev` runs the room in a
 * grandchild (workerd), so processes are found by the port they listen on instead.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Listening TCP sockets on this machine: socket inode → port. */
function listeningInodes(): Map<string, number> {
  const ports = new Map<string, number>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const cols = line.trim().split(/\s+/);
      const [, local, , state, , , , , , inode] = cols;
      if (!local || state !== "0A" || !inode) continue; // 0A: LISTEN
      ports.set(inode, Number.parseInt(local.split(":")[1] ?? "", 16));
    }
  }
  return ports;
}

/** The socket inodes a process holds open. */
function socketInodes(pid: number | string): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const inodes: string[] = [];
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.push(match[1]);
    } catch {
      // The fd closed while we looked.
    }
  }
  return inodes;
}

/** The pid of the process listening on a TCP port, or null when none is found. */
export function pidListeningOn(port: number): number | null {
  const listening = listeningInodes();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if (socketInodes(entry).some((inode) => listening.get(inode) === port)) return Number(entry);
  }
  return null;
}

/** The TCP ports a process listens on. */
export function portsOf(pid: number): number[] {
  const listening = listeningInodes();
  return socketInodes(pid).flatMap((inode) => {
    const port = listening.get(inode);
    return port === undefined ? [] : [port];
  });
}

/** CPU seconds (user + system, all threads) a process has used so far; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Resident memory of a process in bytes; null once it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export type ProcessUsage = {
  /** Percent of one core over the window (200 = both cores of a 2-core machine). */
  cpuPercent: number;
  /** Highest resident memory seen during the window, in MB. */
  rssMaxMb: number;
};

/**
 * Watches named processes over a window: CPU from the difference in CPU time, memory as the
 * highest RSS sampled every 250 ms (a step is seconds long, so a few samples suffice).
 */
export class ProcessSampler {
  private readonly startCpu = new Map<string, number>();
  private readonly maxRss = new Map<string, number>();
  private readonly startedAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: Record<string, number>) {
    for (const [name, pid] of Object.entries(pids)) this.startCpu.set(name, cpuSeconds(pid) ?? 0);
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  stop(): Record<string, ProcessUsage> {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const usage: Record<string, ProcessUsage> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const used = (cpuSeconds(pid) ?? 0) - (this.startCpu.get(name) ?? 0);
      usage[name] = {
        cpuPercent: seconds > 0 ? (used / seconds) * 100 : 0,
        rssMaxMb: (this.maxRss.get(name) ?? 0) / 2 ** 20,
      };
    }
    return usage;
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const rss = rssBytes(pid) ?? 0;
      if (rss > (this.maxRss.get(name) ?? 0)) this.maxRss.set(name, rss);
    }
  }
}

/** Busy and total jiffies of the given CPUs so far (from /proc/stat); null off Linux. */
export function cpuJiffies(cpus: number[]): { busy: number; total: number } | null {
  try {
    let busy = 0;
    let total = 0;
    for (const line of readFileSync("/proc/stat", "utf8").split("\n")) {
      const match = /^cpu(\d+) (.*)$/.exec(line);
      if (!match || !cpus.includes(Number(match[1]))) continue;
      // user nice system idle iowait irq softirq steal …: idle and iowait are the idle ones.
      const fields = (match[2] ?? "").trim().split(/\s+/).map(Number);
      const sum = fields.slice(0, 8).reduce((a, b) => a + b, 0);
      total += sum;
      busy += sum - (fields[3] ?? 0) - (fields[4] ?? 0);
    }
    return total > 0 ? { busy, total } : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by every process allowed on exactly `cpus` (a taskset list): the
 * stack the bench pinned there, wrangler's own processes included. Set against how busy those
 * CPUs were, the rest is what other processes of the machine took from the systems under test.
 */
export function pinnedCpuSeconds(cpus: string): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (/^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] !== cpus) continue;
    } catch {
      continue;
    }
    const seconds = cpuSeconds(pid);
    if (seconds !== null) used.set(pid, seconds);
  }
  return used;
}

/** CPU seconds the processes of `after` used since `before` (ones new since count in full). */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>) {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

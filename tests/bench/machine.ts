/** What the numbers were measured on: they mean little without it. */
import { readFileSync } from "node:fs";
import os from "node:os";

export type Machine = {
  cpus: number;
  cpu_model: string;
  memory_gb: number;
  os: string;
  node: string;
  database: string;
  fd_limit: number;
};

/** The soft limit on open files of this process (each client socket takes one). */
export function fdLimit(): number {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    return Number(line?.split(/\s{2,}/)[1]) || 1024;
  } catch {
    return 1024;
  }
}

export function describeMachine(databaseVersion: string): Machine {
  let model = os.cpus()[0]?.model ?? "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1]) model = match[1].trim();
  } catch {
    // Not Linux: os.cpus() is as good.
  }
  return {
    // The machine's CPUs, not this process's: the bench pins itself to one of them.
    cpus: os.cpus().length,
    cpu_model: model,
    memory_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database: databaseVersion,
    fd_limit: fdLimit(),
  };
}

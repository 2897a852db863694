/**
 * Runs the room locally the way Cloudflare runs it: `wrangler dev` (workerd, the production
 * runtime) with wrangler.jsonc. Used by `npm run dev`, `npm test` and the benchmark.
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { spawnServer } from "./processes";

const wrangler = () => path.join(process.cwd(), "node_modules", ".bin", "wrangler");

/**
 * Environment for wrangler so that it works with no network: no metrics, and no fetch of the
 * `request.cf` sample object from Cloudflare (the room does not read it).
 */
export function wranglerEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    // The room's log is one labelled stream among several; no colour codes in it.
    FORCE_COLOR: "0",
  };
}

/** The path every room answers without waking a Durable Object (party/worker.ts). */
export const ROOM_HEALTH_PATH = "/health";

/**
 * Starts `wrangler dev` for the room on 127.0.0.1:`port`. `vars` become the Worker's env on top
 * of wrangler.jsonc's and .dev.vars' (tests pass their secret this way; `npm run dev` keeps it
 * in .dev.vars so that it is not on a command line). `persistTo` keeps the Durable Objects'
 * local storage out of the checkout's .wrangler/ when several rooms run at once.
 */
export function spawnRoom(args: {
  port: number;
  vars?: Record<string, string>;
  persistTo?: string;
  quiet?: boolean;
  /** Log requests too (wrangler's `info`); tests keep only warnings and errors. */
  logLevel?: "info" | "warn";
  /** CPUs to run on (a taskset list); workerd inherits them from wrangler. */
  cpu?: string;
}): ChildProcess {
  const wranglerArgs = [
    "dev",
    "--port",
    String(args.port),
    "--ip",
    "127.0.0.1",
    "--show-interactive-dev-session=false",
    "--log-level",
    args.logLevel ?? "warn",
    ...(args.persistTo ? ["--persist-to", args.persistTo] : []),
    ...Object.entries(args.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  return spawnServer("room", wrangler(), wranglerArgs, wranglerEnv(), {
    quiet: args.quiet,
    cpu: args.cpu,
  });
}

/**
 * True when something accepts TCP connections on 127.0.0.1:`port`. workerd owns the room's
 * listening socket, so this fails as soon as it dies, and unlike an HTTP probe it adds no line
 * to the room's request log every few seconds.
 */
export function portAnswers(port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * The workerd processes `wrangler dev` runs under `wranglerPid` (its process group): the room's
 * runtime and wrangler's dev proxy. Empty when none runs (pgrep then exits 1).
 */
export function workerdPids(wranglerPid: number): number[] {
  try {
    return execFileSync("pgrep", ["-g", String(wranglerPid), "workerd"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

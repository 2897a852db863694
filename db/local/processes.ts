import { type ChildProcess, spawn } from "node:child_process";

const COLORS = [36, 35, 33, 32, 34];
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
let next = 0;

/** Prints each line of a stream with a coloured label, so several servers share one terminal. */
export function labelled(label: string): (chunk: Buffer | string) => void {
  const color = COLORS[next++ % COLORS.length];
  const prefix = process.stdout.isTTY ? `\x1b[${color}m[${label}]\x1b[0m ` : `[${label}] `;
  let partial = "";
  return (chunk) => {
    const text = partial + chunk.toString();
    const lines = text.split(/\r?\n/);
    partial = lines.pop() ?? "";
    for (const line of lines) {
      // partykit redraws its status line with ANSI cursor codes; drop them in the shared log.
      const clean = line.replace(ANSI, "");
      if (clean.trim()) process.stdout.write(`${prefix}${clean}\n`);
    }
  };
}

/**
 * The command line that runs `command` on the given CPUs (a `taskset` list such as "1"), or the
 * command unchanged without one. taskset execs the command, so the pid stays the server's, and
 * every process and thread it starts inherits the affinity.
 */
export function onCpus(
  cpu: string | undefined,
  command: string,
  args: string[],
): [command: string, args: string[]] {
  return cpu ? ["taskset", ["-c", cpu, command, ...args]] : [command, args];
}

/** Spawns a long-running server in its own process group, its output labelled. */
export function spawnServer(
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { quiet?: boolean; cpu?: string } = {},
): ChildProcess {
  const [file, argv] = onCpus(options.cpu, command, args);
  const child = spawn(file, argv, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const print = options.quiet ? () => {} : labelled(label);
  child.stdout?.on("data", print);
  child.stderr?.on("data", print);
  return child;
}

/** Stops a spawned server and everything it started; resolves when it has exited. */
export function stopServer(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    child.once("exit", () => {
      // The leader is gone; what it started may not be (wrangler's workerd and esbuild, for
      // one), and a straggler holding the port would make the next start fail.
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // The group is already empty.
      }
      resolve();
    });
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        child.kill(signal);
      }
    };
    kill("SIGTERM");
    setTimeout(() => kill("SIGKILL"), timeoutMs).unref();
  });
}

/** Resolves once `url` answers (any HTTP status), or rejects after `timeoutMs`. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: "manual" });
      return;
    } catch {
      if (Date.now() - started > timeoutMs)
        throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

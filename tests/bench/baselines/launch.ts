/**
 * Starts a baseline server in a child process of its own, so that its CPU and memory are its
 * own and it cannot borrow the generator's event loop (or lend it).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnServer, stopServer, waitForHttp } from "../../../db/local/processes";
import { freePort } from "../../support/ports";

export type BaselineKind = "store-then-broadcast" | "bare-broadcast";

export type RunningBaseline = { port: number; pid: number; stop(): Promise<void> };

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startBaseline(args: {
  kind: BaselineKind;
  secret: string;
  databaseUrl: string;
  /** store-then-broadcast only: "serial" (classic) or "concurrent". */
  mode?: "serial" | "concurrent";
  /** CPUs to run on (taskset list), the same one as the product's servers. */
  cpu?: string;
}): Promise<RunningBaseline> {
  const port = await freePort();
  // `node --import tsx` runs the TypeScript in this very process (no wrapper process), so the
  // pid we sample is the server's.
  const child = spawnServer(
    args.mode === "concurrent" ? "concurrent" : args.kind,
    process.execPath,
    ["--import", "tsx", path.join(here, `${args.kind}.ts`)],
    {
      ...process.env,
      NODE_ENV: "production",
      BENCH_PORT: String(port),
      BENCH_PARTY_SECRET: args.secret,
      BENCH_DATABASE_URL: args.databaseUrl,
      BENCH_MODE: args.mode ?? "",
    },
    { cpu: args.cpu },
  );
  await waitForHttp(`http://127.0.0.1:${port}/health`, 30_000, child);
  if (!child.pid) throw new Error(`${args.kind} did not start`);
  return { port, pid: child.pid, stop: () => stopServer(child) };
}

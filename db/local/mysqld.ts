/**
 * Starts a private MySQL/MariaDB server from the binary on PATH, for `npm run dev` (data kept
 * under .data/) and for the tests (a throwaway directory). Nothing is downloaded: if no server
 * binary is installed, it says what to install or set instead.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { onCpus } from "./processes";

const SEARCH_DIRS = [
  "/usr/sbin",
  "/usr/local/sbin",
  "/usr/local/mysql/bin",
  "/opt/homebrew/bin",
  "/usr/local/bin",
];

function which(names: string[]): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), ...SEARCH_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export class NoDatabaseServerError extends Error {
  constructor() {
    super(
      "No database: set DATABASE_URL to a MySQL 8 / MariaDB server (e.g. mysql://root@127.0.0.1:3306/chat), or install one so that `mariadbd` or `mysqld` is on PATH (Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb).",
    );
    this.name = "NoDatabaseServerError";
  }
}

export type LocalServer = {
  /** A root URL without a database name, e.g. mysql://root@127.0.0.1:3307 */
  url: string;
  port: number;
  dataDir: string;
  /** Null when an already-running server was reused. */
  process: ChildProcess | null;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
};

type Options = {
  dataDir: string;
  port: number;
  /** Relax durability for throwaway test servers (much faster commits). */
  throwaway?: boolean;
  log?: (line: string) => void;
  /** Run the server on these CPUs only (a taskset list, e.g. "1"): the bench pins what it measures. */
  cpu?: string;
};

function initialise(binary: string, dataDir: string, isMariaDb: boolean): void {
  mkdirSync(dataDir, { recursive: true });
  if (readdirSync(dataDir).some((f) => f === "mysql")) return;
  const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
  if (isMariaDb) {
    const installer = which(["mariadb-install-db", "mysql_install_db"]);
    if (!installer) throw new Error("mariadb-install-db was not found beside mariadbd");
    execFileSync(
      installer,
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        ...asRoot,
      ],
      { stdio: "pipe" },
    );
  } else {
    execFileSync(
      binary,
      ["--no-defaults", "--initialize-insecure", `--datadir=${dataDir}`, ...asRoot],
      {
        stdio: "pipe",
      },
    );
  }
}

/** Starts (initialising on first use) a server on 127.0.0.1:port with its data in dataDir. */
export async function startLocalServer(options: Options): Promise<LocalServer> {
  const binary = which(["mariadbd", "mysqld"]);
  if (!binary) throw new NoDatabaseServerError();
  const dataDir = path.resolve(options.dataDir);
  const isMariaDb = /mariadb/i.test(execFileSync(binary, ["--version"], { encoding: "utf8" }));
  initialise(binary, dataDir, isMariaDb);

  const socket = path.join(dataDir, "mysqld.sock");
  if (await answers(socket)) {
    // A server from an earlier run that was not stopped (e.g. a killed terminal): reuse it.
    options.log?.(`Reusing the database server already running on ${socket}\n`);
    return {
      url: `mysql://root@127.0.0.1:${options.port}`,
      port: options.port,
      dataDir,
      process: null,
      stop: async () => {},
    };
  }
  const args = [
    "--no-defaults",
    `--datadir=${dataDir}`,
    `--port=${options.port}`,
    "--bind-address=127.0.0.1",
    `--socket=${socket}`,
    `--pid-file=${path.join(dataDir, "mysqld.pid")}`,
    `--log-error=${path.join(dataDir, "error.log")}`,
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    "--max-connections=1000",
    "--innodb-buffer-pool-size=256M",
    "--skip-log-bin",
    ...(isMariaDb ? [] : ["--mysqlx=OFF"]),
    ...(options.throwaway ? ["--innodb-flush-log-at-trx-commit=2", "--sync-binlog=0"] : []),
    ...(process.getuid?.() === 0 ? ["--user=root"] : []),
  ];
  const child = spawn(...onCpus(options.cpu, binary, args), { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => options.log?.(d.toString()));
  child.stderr?.on("data", (d: Buffer) => options.log?.(d.toString()));
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });

  const started = Date.now();
  for (;;) {
    if (exited)
      throw new Error(
        `The database server exited at start:\n${tail(path.join(dataDir, "error.log"))}`,
      );
    try {
      const conn = await mysql.createConnection({ socketPath: socket, user: "root" });
      // Allow root over TCP from 127.0.0.1 (a fresh data directory only has root@localhost).
      await conn.query("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''");
      await conn.query("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
      await conn.end();
      break;
    } catch (error) {
      if (Date.now() - started > 60_000) {
        child.kill("SIGKILL");
        throw new Error(
          `The database server did not start within 60 s: ${(error as Error).message}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  return {
    url: `mysql://root@127.0.0.1:${options.port}`,
    port: options.port,
    dataDir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
      }),
  };
}

async function answers(socket: string): Promise<boolean> {
  if (!existsSync(socket)) return false;
  try {
    const conn = await mysql.createConnection({
      socketPath: socket,
      user: "root",
      connectTimeout: 1_000,
    });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no error log)";
  }
}

/**
 * `npm test`: everything CI checks, in order, against real parts.
 *   1. static: route types, TypeScript (strict; the room against Cloudflare's types), Biome
 *      (format + lint), drizzle-kit check, the room's deploy bundle (`wrangler deploy --dry-run`)
 *   2. unit tests (vitest, pure logic)
 *   3. integration tests (vitest) against a fresh MySQL/MariaDB database
 *   4. end-to-end tests (Playwright driving Debian's Chromium) against `next build` +
 *      `next start` and the room under `wrangler dev`, on ports of their own
 *   5. security tests (Playwright, tests/security): attacks on the same running stack
 *   6. fault tests (vitest, tests/faults): bots against the same build and a real room while
 *      the room restarts, sockets drop, MySQL goes away and hostile frames pour in
 * `--only static|unit|integration|e2e|security|faults` runs one stage; `--soak` makes the fault suites long
 * (`npm run faults -- --soak`). Prints one "N passed, N failed" line.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { labelled } from "../db/local/processes";
import {
  startApp,
  startRoom,
  startTestDatabase,
  type TestDatabase,
  testSecrets,
} from "./support/stack";

type Stage = "static" | "unit" | "integration" | "e2e" | "security" | "faults";
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? (process.argv[onlyIndex + 1] as Stage) : null;
const wants = (stage: Stage) => only === null || only === stage;
/** `npm run faults -- --soak`: the long fault runs (tests/faults/support/soak.ts). */
const soak = process.argv.includes("--soak");
/**
 * Words that are not flags pick test files by name, e.g. `npm test -- --only e2e reactions`
 * (Playwright) or `npm run faults -- --soak storm` (vitest).
 */
const files = process.argv.slice(2).filter((a) => !a.startsWith("--") && a !== only);
const artifacts = path.join(process.cwd(), "tests/.artifacts");
mkdirSync(artifacts, { recursive: true });
const say = labelled("test");
const counts = { passed: 0, failed: 0, skipped: 0 };

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  say(`$ ${command} ${args.join(" ")}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

const npx = (tool: string, args: string[], env?: NodeJS.ProcessEnv) =>
  run(path.join("node_modules", ".bin", tool), args, env);

async function step(name: string, exitCode: Promise<number>): Promise<void> {
  const code = await exitCode;
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
}

type VitestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number };
function countVitest(file: string) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as VitestJson;
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests;
}

type PlaywrightJson = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
};
function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as PlaywrightJson;
  counts.passed += r.stats.expected + r.stats.flaky;
  counts.failed += r.stats.unexpected;
  counts.skipped += r.stats.skipped;
}

async function vitest(project: string, env?: NodeJS.ProcessEnv, extraArgs: string[] = []) {
  const out = path.join(artifacts, `vitest-${project}.json`);
  const code = await npx(
    "vitest",
    [
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}`,
      ...extraArgs,
    ],
    env,
  );
  countVitest(out);
  if (code !== 0) throw new Error(`${project} tests failed (exit ${code})`);
}

const nextBuild = () => npx("next", ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });

async function main() {
  if (wants("static")) {
    await step("route types", npx("next", ["typegen"]));
    await step("typecheck", npx("tsc", ["--noEmit"]));
    // The room runs on Cloudflare's runtime: its own types, no DOM (party/tsconfig.json).
    await step("typecheck (room)", npx("tsc", ["--noEmit", "-p", "party"]));
    // Biome colours its report even into a file unless told not to; CI logs are files.
    const colours = process.env.NO_COLOR ? ["--colors=off"] : [];
    await step("lint", npx("biome", ["ci", ...colours, "."]));
    await step("migrations check", npx("drizzle-kit", ["check"]));
    // The Worker a deployer ships, bundled by wrangler with no network or account.
    await step("room bundle", run("npm", ["run", "--silent", "room:build"]));
  }
  if (wants("unit")) await vitest("unit");
  if (!wants("integration") && !wants("e2e") && !wants("security") && !wants("faults")) return;

  const db: TestDatabase = await startTestDatabase();
  const stops: (() => Promise<void>)[] = [() => db.stop()];
  try {
    say(`database ${db.url}\n`);
    const secrets = testSecrets();
    const baseEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      PARTY_SECRET: secrets.partySecret,
      NEXTAUTH_SECRET: secrets.nextAuthSecret,
      // Integration tests call route handlers in-process; no room runs behind this address.
      ROOM_HOST: "127.0.0.1:9",
    };
    if (wants("integration")) await vitest("integration", baseEnv, files);
    if (wants("e2e") || wants("security")) {
      await step("next build", nextBuild());
      const { freePort } = await import("./support/ports");
      const [appPort, partyPort] = [await freePort(), await freePort()];
      const partyHost = `127.0.0.1:${partyPort}`;
      const app = await startApp({
        databaseUrl: db.url,
        secrets,
        partyHost,
        port: appPort,
        // The support inbox's fallback poll waits 10 minutes here: a list that changes within a
        // test can only have been told by its live event.
        extraEnv: { ...process.env, SUPPORT_INBOX_POLL_MS: "600000" },
      });
      stops.unshift(() => app.stop());
      const party = await startRoom({ appUrl: app.url, secrets, port: partyPort });
      stops.unshift(() => party.stop());
      // The same stack serves both browser stages; each is one Playwright project.
      for (const [stage, projects] of [
        ["e2e", ["chromium", "alone"]],
        ["security", ["security"]],
      ] as const) {
        if (!wants(stage)) continue;
        const out = path.join(artifacts, `playwright-${stage}.json`);
        const selected = projects.map((p) => `--project=${p}`);
        // A run of chosen files runs just those: dependencies would bring back the whole suite.
        if (files.length > 0) selected.push("--no-deps");
        const code = await npx("playwright", ["test", ...selected, ...files], {
          ...baseEnv,
          E2E_BASE_URL: app.url,
          E2E_PARTY_HOST: partyHost,
          PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        });
        countPlaywright(out);
        if (code !== 0) throw new Error(`${stage} tests failed (exit ${code})`);
      }
      // The fault suites start servers of their own; these would only compete for the CPU.
      // Everything but the database (stops[last]) goes now.
      for (const stop of stops.splice(0, stops.length - 1)) await stop();
    }
    if (wants("faults")) {
      // Reuse the build e2e made; with e2e skipped, build only when there is none at all.
      if (!existsSync(path.join(process.cwd(), ".next/BUILD_ID"))) {
        await step("next build", nextBuild());
      }
      const summary = path.join(artifacts, "faults-summary.txt");
      rmSync(summary, { force: true });
      const started = Date.now();
      try {
        if (soak) {
          await vitest("faults", { ...baseEnv, FAULTS_SOAK: "1" }, [
            "--testTimeout=2400000",
            ...files,
          ]);
        } else {
          await vitest("faults", baseEnv, files);
        }
      } finally {
        if (existsSync(summary)) process.stdout.write(`\n${readFileSync(summary, "utf8")}`);
        say(`fault suites took ${Math.round((Date.now() - started) / 1000)} s\n`);
      }
    }
  } finally {
    for (const stop of stops) await stop().catch((e: unknown) => say(`cleanup: ${String(e)}\n`));
  }
}

main()
  .then(() => {
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  })
  .catch((error: unknown) => {
    console.error(`\n${(error as Error).message ?? error}`);
    console.log(
      `\n${counts.passed} passed, ${Math.max(1, counts.failed)} failed, ${counts.skipped} skipped`,
    );
    process.exit(1);
  });

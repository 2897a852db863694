import { defineConfig, devices } from "@playwright/test";

// tests/run.ts starts the servers on ports of their own and passes their addresses here.
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

export default defineConfig({
  // The fixtures make rows through the app's queries, which import `server-only`; this tsconfig
  // maps it to a stub, as vitest.config.ts does (Next.js alone resolves it for the server build).
  tsconfig: "./tests/e2e/tsconfig.json",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json"]],
  outputDir: "tests/.artifacts/playwright",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      testDir: "tests/e2e",
      testIgnore: "**/*.alone.spec.ts",
      use: { ...devices["Desktop Chrome"] },
    },
    // Specs about the whole site's state (e.g. "no agent is online anywhere") run once every
    // other e2e spec is done, one test at a time, so no parallel test changes that state.
    {
      name: "alone",
      testDir: "tests/e2e",
      testMatch: "**/*.alone.spec.ts",
      dependencies: ["chromium"],
      fullyParallel: false,
      workers: 1,
      use: { ...devices["Desktop Chrome"] },
    },
    // Attacks on the real stack (npm test's "security" stage): tests/security/.
    { name: "security", testDir: "tests/security", use: { ...devices["Desktop Chrome"] } },
  ],
});

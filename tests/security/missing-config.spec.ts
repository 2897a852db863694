/**
 * A deployment with a setting missing must not tell callers which one: the app answers a generic
 * 500 and names the setting only in its own log. Runs a second `next start` of the same build
 * without PARTY_SECRET.
 */
import path from "node:path";
import { spawnServer, stopServer, waitForHttp } from "../../db/local/processes";
import { expect, test } from "../e2e/fixtures";
import { freePort } from "../support/ports";

test("with PARTY_SECRET missing, the room's routes answer a generic 500", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: url,
    ROOM_HOST: "127.0.0.1:9",
  };
  delete env.PARTY_SECRET;
  let log = "";
  const child = spawnServer(
    "next (no PARTY_SECRET)",
    path.join(process.cwd(), "node_modules", ".bin", "next"),
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    env,
    { quiet: true },
  );
  child.stdout?.on("data", (chunk) => {
    log += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    log += String(chunk);
  });
  try {
    await waitForHttp(`${url}/signin`, 60_000, child);
    const response = await fetch(`${url}/api/party/messages`, {
      method: "POST",
      headers: { authorization: "Bearer anything", "content-type": "application/json" },
      body: JSON.stringify({ channel: "general", messages: [] }),
    });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: "Internal server error" });
    expect(body).not.toMatch(/PARTY_SECRET|misconfigured|\.env/i);
    // The deployer still learns what is wrong, from the server's log.
    await expect.poll(() => log).toMatch(/PARTY_SECRET/);
  } finally {
    await stopServer(child);
  }
});

/**
 * `wrangler dev` puts a proxy of its own (one workerd) in front of the Worker (another workerd):
 * every frame crosses both. Cloudflare has no such hop, so the bench talks to the Worker's own
 * socket and samples the process that runs the room, not the proxy.
 */
import { ROOM_HEALTH_PATH, workerdPids } from "../../db/local/room";
import { portsOf } from "./process-stats";

export type RoomRuntime = { pid: number; port: number };

/** Finds the workerd under `wranglerPid` that runs the Worker, and the port it serves on. */
export async function findRoomRuntime(
  wranglerPid: number,
  proxyPort: number,
): Promise<RoomRuntime> {
  for (const pid of workerdPids(wranglerPid)) {
    for (const port of portsOf(pid)) {
      if (port === proxyPort) continue;
      // The runtime also listens for its inspector and debug port; only the Worker answers this.
      const ok = await fetch(`http://127.0.0.1:${port}${ROOM_HEALTH_PATH}`, {
        signal: AbortSignal.timeout(1_000),
      })
        .then(async (r) => r.ok && (await r.text()) === "ok")
        .catch(() => false);
      if (ok) return { pid, port };
    }
  }
  throw new Error("could not find the workerd that runs the room behind wrangler's proxy");
}

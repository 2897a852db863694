/**
 * Probe (not part of `npm run bench`): what one piece of side traffic costs the room's CPU.
 * Starts a room alone (no app: nothing is stored), opens N sockets to one channel, then drives
 * one kind of side traffic at a time and reads the room runtime's CPU time from /proc before and
 * after. Prints CPU-microseconds per item, with an idle window subtracted.
 *   tsx --conditions=react-server tests/bench/probe-side-cost.ts [sockets=100] [seconds=5]
 */
import { bearerHeader } from "../../party/keys";
import type { RoomCommand } from "../../party/protocol";
import { signRoomToken } from "../../party/token";
import { startRoom, testSecrets } from "../support/stack";
import { openClient } from "./load-generator";
import { cpuSeconds } from "./process-stats";
import { ROOM_VARS } from "./product-stack";
import { findRoomRuntime } from "./room-runtime";

const sockets = Number(process.argv[2] ?? 100);
const seconds = Number(process.argv[3] ?? 5);

async function main() {
  const secrets = testSecrets();
  const room = await startRoom({
    appUrl: "http://127.0.0.1:9",
    secrets,
    quiet: true,
    vars: ROOM_VARS,
    cpu: process.env.ROOM_CPU,
  });
  const runtime = await findRoomRuntime(room.pid ?? 0, room.port);
  const base = `127.0.0.1:${runtime.port}`;
  const authorization = await bearerHeader(secrets.partySecret);
  try {
    const cpu = () => cpuSeconds(runtime.pid) ?? 0;
    const window = async (label: string, items: number, drive: () => Promise<void>) => {
      const before = cpu();
      const t0 = performance.now();
      await drive();
      const wall = (performance.now() - t0) / 1000;
      const used = cpu() - before;
      return { label, items, wall, used };
    };
    const idle = await window("idle", 0, () => sleep(seconds * 1000));
    const idlePerSecond = idle.used / idle.wall;

    const rows: Awaited<ReturnType<typeof window>>[] = [];
    for (const size of [0, sockets]) {
      const slug = `probe-${size}-${Date.now()}`;
      const clients = await Promise.all(
        Array.from({ length: size }, async (_, i) => {
          const token = await signRoomToken({
            user: { id: i + 1, name: `user ${i + 1}`, image: null, role: "member" },
            channel: slug,
            secret: secrets.partySecret,
            ttlSeconds: 3_600,
          });
          return openClient(
            `ws://${base}/parties/main/${slug}?token=${token}`,
            "first-frame",
            30_000,
          );
        }),
      );
      let frames = 0;
      for (const c of clients) c.on("message", () => frames++);
      // (a gathered `reactions` frame carries several events: frames counts frames, not events)
      await sleep(2_500); // the coalesced presence broadcast for the joins
      const rate = 50;
      const total = rate * seconds;
      const post = (k: number) => {
        const command: RoomCommand = {
          type: "reaction",
          event: {
            messageId: 1 + (k % 50),
            emoji: "👍",
            user: { id: 1 + (k % 100), name: `user ${1 + (k % 100)}` },
            added: k % 2 === 0,
            count: (k + 1) % 2,
          },
        };
        return fetch(`http://${base}/parties/main/${slug}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization },
          body: JSON.stringify(command),
        }).then(async (r) => {
          await r.arrayBuffer();
        });
      };
      frames = 0;
      rows.push(
        await window(`reaction POST, ${size} sockets`, total, async () => {
          const posts: Promise<unknown>[] = [];
          for (let k = 0; k < total; k++) {
            posts.push(post(k));
            await sleep(1000 / rate);
          }
          await Promise.all(posts);
          await sleep(500);
        }),
      );
      if (size > 0)
        console.log(`  reaction frames received: ${frames} (${total} × ${size} = ${total * size})`);
      if (size > 0) {
        frames = 0;
        // Each client types once (the room relays one frame per user per TYPING_EVERY_MS).
        rows.push(
          await window(`typing frame, ${size} sockets`, size, async () => {
            for (const c of clients) {
              c.send(JSON.stringify({ type: "typing" }));
              await sleep((seconds * 1000) / size);
            }
            await sleep(500);
          }),
        );
        console.log(`  typing frames received: ${frames}`);
      }
      for (const c of clients) c.terminate();
      await sleep(1_000);
    }
    console.log(`idle: ${(idlePerSecond * 1000).toFixed(1)} ms CPU/s`);
    for (const r of rows) {
      const net = r.used - idlePerSecond * r.wall;
      console.log(
        `${r.label}: ${r.items} in ${r.wall.toFixed(1)} s, room CPU ${(r.used * 1000).toFixed(0)} ms (net ${(net * 1000).toFixed(0)} ms) = ${((net / r.items) * 1e6).toFixed(0)} µs each`,
      );
    }
  } finally {
    await room.stop();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

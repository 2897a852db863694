/**
 * How many sockets one room holds, and what each costs the room process: sockets are opened into
 * one channel in steps (1,000, 2,000, … up to --sockets), each counted only once the room has
 * joined it (its first frame, the limits before presence, arrived), and the room's RSS is read
 * after each step.
 * Every socket is a different user, as in a real crowd, so presence is part of the cost.
 */
import type WebSocket from "ws";
import { signRoomToken } from "../../party/token";
import type { BenchDb } from "./bench-db";
import { openClient } from "./load-generator";
import { fdLimit } from "./machine";
import { rssBytes } from "./process-stats";
import type { ConnectionsResult, ConnectionsStep } from "./results";

const BATCH = 100;

export async function measureConnections(args: {
  db: BenchDb;
  partyPort: number;
  roomPid: number;
  secret: string;
  steps: number[];
  tag: string;
  /** The whole part stops by itself after this long. */
  budgetMs: number;
  log: (line: string) => void;
}): Promise<ConnectionsResult> {
  const { db, log } = args;
  const limit = fdLimit();
  // This process holds one fd per socket, plus its own few dozen.
  const reachable = Math.max(0, limit - 200);
  const wanted = Math.min(Math.max(...args.steps), reachable);
  const slug = `${args.tag}-sockets`;
  await db.createChannel(slug);
  const users = await db.createUsers(`${args.tag}c`, wanted);
  const deadline = performance.now() + args.budgetMs;
  const sockets: WebSocket[] = [];
  const steps: ConnectionsStep[] = [];
  let stoppedBecause = `reached ${wanted.toLocaleString("en")}`;
  if (wanted < Math.max(...args.steps)) stoppedBecause = `fd limit ${limit} (ulimit -n)`;

  // Let the room shed what the load steps left on its heap before the baseline reading.
  await new Promise((r) => setTimeout(r, 2_000));
  const rssBefore = rssBytes(args.roomPid) ?? 0;
  const started = performance.now();
  const targets = [...new Set(args.steps.map((n) => Math.min(n, wanted)))];
  const open = () => sockets.filter((s) => s.readyState === 1).length;

  try {
    outer: for (const target of targets) {
      while (sockets.length < target) {
        if (performance.now() > deadline) {
          stoppedBecause = `time budget (${Math.round(args.budgetMs / 1000)} s) ran out while opening`;
          break outer;
        }
        const batch = users.slice(sockets.length, Math.min(target, sockets.length + BATCH));
        const results = await Promise.allSettled(
          batch.map(async (u) => {
            const token = await signRoomToken({
              user: { id: u.id, name: u.name, image: null, role: "member" },
              channel: slug,
              secret: args.secret,
              ttlSeconds: 3_600,
            });
            return openClient(
              `ws://127.0.0.1:${args.partyPort}/parties/main/${slug}?token=${token}`,
              "first-frame",
              30_000,
            );
          }),
        );
        const failed = results.find((r) => r.status === "rejected");
        for (const r of results) if (r.status === "fulfilled") sockets.push(r.value);
        if (failed) {
          stoppedBecause = `a socket failed to open at ${sockets.length}: ${String(failed.reason).slice(0, 160)}`;
          break outer;
        }
      }
      // Joins schedule a presence broadcast; let it go out before reading memory.
      await new Promise((r) => setTimeout(r, 1_500));
      const step: ConnectionsStep = {
        target,
        held: open(),
        room_rss_mb: Math.round(((rssBytes(args.roomPid) ?? 0) / 2 ** 20) * 10) / 10,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        generator_rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20),
      };
      steps.push(step);
      log(
        `connections: ${step.held.toLocaleString("en")} held of ${target.toLocaleString("en")}, room RSS ${step.room_rss_mb} MB, ${step.seconds} s`,
      );
      if (step.held < target) {
        stoppedBecause = `only ${step.held} of ${target} stayed open`;
        break;
      }
    }
  } finally {
    for (const s of sockets) s.terminate();
  }

  const held = steps.at(-1)?.held ?? 0;
  const lastRss = (steps.at(-1)?.room_rss_mb ?? 0) * 2 ** 20;
  return {
    held,
    bytes_per_socket: held > 0 ? Math.round((lastRss - rssBefore) / held) : null,
    users: "one user per socket",
    fd_limit: limit,
    stopped_because: stoppedBecause,
    steps,
  };
}

/**
 * The books of a fault test: what the bots typed, saw acknowledged and hold at the end, against
 * what MySQL stored. `settle` waits until they agree; `tally` counts what went wrong (lost,
 * doubled, reordered); `report` prints the one-line summary CI shows.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { ChatBot } from "./chat-bot";
import { type StoredRow, storedRows } from "./db";
import { waitFor } from "./wait";

const key = (authorId: number, clientId: string) => `${authorId}:${clientId}`;

/** Every id each bot holds, in its order; equal to MySQL's when the bot is in step. */
const idsOf = (bot: ChatBot) => bot.messages.map((m) => m.id).join(",");

/**
 * Waits until no bot has a message still sending (failed ones may stay, when `allowFailed`)
 * and every bot holds exactly MySQL's list; returns that list.
 */
export async function settle(
  bots: ChatBot[],
  channelId: number,
  options: { timeoutMs?: number; allowFailed?: boolean } = {},
): Promise<StoredRow[]> {
  let rows: StoredRow[] = [];
  await waitFor(
    "every bot's pending list to empty and its list to equal MySQL's",
    async () => {
      const quiet = bots.every((b) =>
        options.allowFailed ? b.sending === 0 : b.pending.length === 0,
      );
      if (!quiet) return false;
      rows = await storedRows(channelId);
      const ids = rows.map((r) => r.id).join(",");
      return bots.every((b) => idsOf(b) === ids);
    },
    {
      timeoutMs: options.timeoutMs ?? 60_000,
      everyMs: 100,
      explain: async () => {
        const stored = await storedRows(channelId);
        return bots
          .map(
            (b) =>
              `${b.name}: status=${b.status} holds=${b.messages.length} stored=${stored.length} sending=${b.sending} failed=${b.pending.length - b.sending} problem=${b.problem ?? "-"}`,
          )
          .join("\n");
      },
    },
  );
  return rows;
}

export type Tally = {
  sent: number;
  stored: number;
  delivered: number;
  lost: number;
  doubled: number;
  reordered: number;
  /** Rows no measured bot typed (expected only where others write too, e.g. the fuzzers). */
  foreign: number;
};

export function tally(bots: ChatBot[], rows: StoredRow[]): Tally {
  const typed = new Set<string>();
  for (const b of bots) for (const c of b.typed.keys()) typed.add(key(b.user.id, c));
  const copies = new Map<string, number>();
  for (const r of rows) {
    const k = key(r.authorId, r.clientId);
    copies.set(k, (copies.get(k) ?? 0) + 1);
  }
  const rowIds = new Set(rows.map((r) => r.id));

  let lost = 0;
  let doubled = 0;
  let reordered = 0;
  for (const n of copies.values()) doubled += Math.max(0, n - 1);
  for (const b of bots) {
    const failed = new Set(b.pending.filter((p) => p.status === "failed").map((p) => p.clientId));
    for (const c of b.acked) if (!copies.has(key(b.user.id, c))) lost++;
    // Typed, not stored, and not shown as failed either: it vanished.
    for (const c of b.typed.keys()) if (!copies.has(key(b.user.id, c)) && !failed.has(c)) lost++;
    const held = b.messages.map((m) => m.id);
    const heldSet = new Set(held);
    doubled += held.length - heldSet.size;
    for (const id of rowIds) if (!heldSet.has(id)) lost++;
    for (let i = 1; i < held.length; i++) if ((held[i] ?? 0) <= (held[i - 1] ?? 0)) reordered++;
  }
  return {
    sent: typed.size,
    stored: [...typed].filter((k) => copies.has(k)).length,
    delivered: bots.reduce((n, b) => n + b.messages.length, 0),
    lost,
    doubled,
    reordered,
    foreign: rows.filter((r) => !typed.has(key(r.authorId, r.clientId))).length,
  };
}

const summaryFile = path.join(process.cwd(), "tests/.artifacts/faults-summary.txt");

/** Prints `[faults] suite: sent=… stored=… …` and keeps it for the runner's closing summary. */
export function report(suite: string, t: Tally, extra: Record<string, number | string> = {}) {
  const fields = { ...t, ...extra };
  const line = `[faults] ${suite}: ${Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`;
  console.log(line);
  mkdirSync(path.dirname(summaryFile), { recursive: true });
  appendFileSync(summaryFile, `${line}\n`);
}

/**
 * The promises every fault suite makes: each bot holds MySQL's list (same ids, bodies, order);
 * every acknowledged message is stored exactly once; no clientId is stored twice; nothing is
 * stored that no bot typed (unless `foreignAllowed`).
 */
export function expectConsistent(
  bots: ChatBot[],
  rows: StoredRow[],
  options: { foreignAllowed?: boolean } = {},
): Tally {
  const t = tally(bots, rows);
  const expected = rows.map((r) => ({ id: r.id, body: r.body }));
  for (const b of bots) {
    expect(
      b.messages.map((m) => ({ id: m.id, body: m.body })),
      `${b.name}'s list against MySQL's`,
    ).toEqual(expected);
  }
  const stored = new Map<string, number>();
  for (const r of rows) {
    const k = key(r.authorId, r.clientId);
    stored.set(k, (stored.get(k) ?? 0) + 1);
  }
  for (const b of bots) {
    for (const c of b.acked) {
      expect(stored.get(key(b.user.id, c)), `${b.name}'s acknowledged ${c}`).toBe(1);
    }
  }
  expect(t.doubled, "clientIds stored twice, or ids held twice").toBe(0);
  expect(t.lost, "messages lost").toBe(0);
  expect(t.reordered, "messages out of id order").toBe(0);
  if (!options.foreignAllowed) expect(t.foreign, "rows that no bot typed").toBe(0);
  return t;
}

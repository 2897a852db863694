import { describe, expect, it } from "vitest";
import {
  type DayKey,
  GROUP_WINDOW_MS,
  groupRows,
  type Row,
  utcDay,
} from "@/components/chat/grouping";
import type { PendingMessage } from "@/components/chat/timeline";
import type { ChatMessage } from "@/party/protocol";
import { chatMessage, uuid } from "./fixtures";

const ALICE = { id: 1, name: "Alice", image: null, role: "member" } as const;
const BOB = { id: 2, name: "Bob", image: null, role: "moderator" } as const;
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

const iso = (ms: number) => new Date(ms).toISOString();
const by = (author: ChatMessage["author"], at: number, overrides: Partial<ChatMessage> = {}) =>
  chatMessage({ author, createdAt: iso(at), ...overrides });
const pendingAt = (at: number): PendingMessage => ({
  clientId: uuid(),
  body: "sending",
  status: "sending",
  reason: null,
  until: null,
  queuedAt: iso(at),
});
/** The day in Shanghai (UTC+8, no daylight saving): the reader's zone, independent of the machine's. */
const shanghaiDay: DayKey = (at) => utcDay(iso(Date.parse(at) + 8 * 3_600_000));

const starts = (rows: Row[]) => rows.map((r) => r.startsGroup);
const breaks = (rows: Row[]) => rows.map((r) => r.dayBreak);
const group = (messages: ChatMessage[], pending: PendingMessage[] = [], dayKey = utcDay) =>
  groupRows(messages, pending, ALICE.id, dayKey);

describe("groupRows", () => {
  it("puts one author's messages within five minutes of each other under one header", () => {
    const rows = group([by(ALICE, T0), by(ALICE, T0 + 60_000), by(ALICE, T0 + 4 * 60_000)]);
    expect(starts(rows)).toEqual([true, false, false]);
  });

  it("measures each gap from the message before, not from the group's first", () => {
    const rows = group([by(ALICE, T0), by(ALICE, T0 + 4 * 60_000), by(ALICE, T0 + 8 * 60_000)]);
    expect(starts(rows)).toEqual([true, false, false]);
  });

  it("keeps exactly five minutes in the group and starts a new one just after", () => {
    expect(starts(group([by(ALICE, T0), by(ALICE, T0 + GROUP_WINDOW_MS)]))).toEqual([true, false]);
    expect(starts(group([by(ALICE, T0), by(ALICE, T0 + GROUP_WINDOW_MS + 1)]))).toEqual([
      true,
      true,
    ]);
  });

  it("starts a new header when the author changes, and again when the first one returns", () => {
    const rows = group([
      by(ALICE, T0),
      by(ALICE, T0 + 1_000),
      by(BOB, T0 + 2_000),
      by(ALICE, T0 + 3_000),
    ]);
    expect(starts(rows)).toEqual([true, false, true, true]);
  });

  it("marks the first row with a day break and splits a group at midnight even within five minutes", () => {
    const midnight = Date.UTC(2026, 10, 30);
    const rows = group([by(ALICE, midnight - 60_000), by(ALICE, midnight + 60_000)]);
    expect(breaks(rows)).toEqual([true, true]);
    expect(starts(rows)).toEqual([true, true]);
    expect(rows.map((r) => r.day)).toEqual(["2026-11-29", "2026-11-30"]);
  });

  it("draws days in the reader's zone: midnight UTC is no break in Shanghai, its midnight is", () => {
    const midnightUtc = Date.UTC(2026, 10, 30);
    const across = [by(ALICE, midnightUtc - 60_000), by(ALICE, midnightUtc + 60_000)];
    expect(breaks(group(across, [], shanghaiDay))).toEqual([true, false]);
    expect(starts(group(across, [], shanghaiDay))).toEqual([true, false]);
    const midnightShanghai = midnightUtc - 8 * 3_600_000;
    const rows = group(
      [by(ALICE, midnightShanghai - 60_000), by(ALICE, midnightShanghai + 60_000)],
      [],
      shanghaiDay,
    );
    expect(breaks(rows)).toEqual([true, true]);
    expect(rows.map((r) => r.day)).toEqual(["2026-11-29", "2026-11-30"]);
  });

  it("groups across a deleted message that is no longer in the list", () => {
    const first = by(ALICE, T0);
    const removed = by(BOB, T0 + 60_000);
    const last = by(ALICE, T0 + 2 * 60_000);
    expect(starts(group([first, removed, last]))).toEqual([true, true, true]);
    // The timeline drops a deleted message, so Alice's two messages meet again.
    expect(starts(group([first, last]))).toEqual([true, false]);
  });

  it("places an edited message by when it was written, not when it was edited", () => {
    const rows = group([
      by(ALICE, T0),
      by(ALICE, T0 + 60_000, { editedAt: iso(T0 + 3_600_000), body: "fixed" }),
    ]);
    expect(starts(rows)).toEqual([true, false]);
  });

  it("lets my pending message join my last stored one within five minutes", () => {
    const rows = group([by(BOB, T0), by(ALICE, T0 + 1_000)], [pendingAt(T0 + 60_000)]);
    expect(rows.map((r) => r.kind)).toEqual(["stored", "stored", "pending"]);
    expect(starts(rows)).toEqual([true, true, false]);
  });

  it("starts a group for my pending message after someone else's, or after a long pause", () => {
    expect(starts(group([by(BOB, T0)], [pendingAt(T0 + 1_000)]))).toEqual([true, true]);
    expect(starts(group([by(ALICE, T0)], [pendingAt(T0 + GROUP_WINDOW_MS + 1)]))).toEqual([
      true,
      true,
    ]);
  });

  it("groups pending messages with each other, and tolerates a browser clock behind the server's", () => {
    const rows = group([by(ALICE, T0)], [pendingAt(T0 - 2_000), pendingAt(T0 - 1_000)]);
    expect(starts(rows)).toEqual([true, false, false]);
  });

  it("starts a group when a time cannot be read rather than hiding a name", () => {
    const rows = group([by(ALICE, T0), by(ALICE, T0, { createdAt: "not a time" })], [], (at) =>
      at.slice(0, 10),
    );
    expect(starts(rows)).toEqual([true, true]);
  });

  it("returns nothing for an empty list", () => {
    expect(group([])).toEqual([]);
  });
});

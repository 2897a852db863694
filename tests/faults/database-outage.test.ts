/**
 * MySQL becomes unreachable from the app (a TCP proxy resets every connection, old and new)
 * while clients keep sending, for longer than the room waits before giving up. No
 * acknowledged message may be missing; every other one must have been shown as failed with
 * `unavailable`; after the database returns, retrying those stores each exactly once and new
 * messages go through.
 */
import { expect, it } from "vitest";
import { type ChatBot, joinAll } from "./support/chat-bot";
import { createChannel, createUser } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { scale } from "./support/soak";
import { startTyping } from "./support/typist";
import { waitFor } from "./support/wait";

const BOTS = 3;
const PER_BOT = scale.outagePerTypist;
/** How long the room keeps retrying a store before it rejects as unavailable. */
const STORE_MAX_WAIT_MS = 3_000;

const stack = faultStackPerFile({
  partyVars: { STORE_MAX_WAIT_MS: String(STORE_MAX_WAIT_MS) },
});

it("loses nothing acknowledged while MySQL is away, fails the rest visibly, and recovers", async () => {
  const channel = await createChannel("outage");
  const users = await Promise.all(Array.from({ length: BOTS }, (_, i) => createUser(`out${i}`)));
  const bots = await joinAll(stack(), channel, users);
  const typing = bots.map((bot) => startTyping(bot, { count: PER_BOT, everyMs: 25 }));
  const acknowledged = () => bots.reduce((n, b) => n + b.acked.size, 0);
  const unavailable = (b: ChatBot) => b.rejections.filter((r) => r.reason === "unavailable");

  await waitFor("60 acknowledged before the outage", () => acknowledged() >= 60);
  stack().database.cut();
  const outageStarted = Date.now();
  // The outage lasts until every client has been told, for several messages, that they could
  // not be stored: a condition (in practice about STORE_MAX_WAIT_MS), and in the soak also
  // at least 30 s, as long as a database failover can take.
  await waitFor(
    "every bot to get 10 `unavailable` rejections",
    () =>
      bots.every((b) => unavailable(b).length >= 10) &&
      Date.now() - outageStarted >= scale.outageAtLeastMs,
    { timeoutMs: scale.outageAtLeastMs + 60_000 },
  );
  const outageMs = Date.now() - outageStarted;
  stack().database.restore();

  await Promise.all(typing.map((t) => t.done));
  await waitFor("no message to be left sending", () => bots.every((b) => b.sending === 0));

  // Before anyone retries: each typed message was acknowledged or shown as failed, and the
  // only reason given is the database.
  for (const b of bots) {
    expect(b.rejections.every((r) => r.reason === "unavailable")).toBe(true);
    const failed = new Set(b.pending.map((p) => p.clientId));
    for (const clientId of b.typed.keys()) {
      const outcome = b.acked.has(clientId) ? "acknowledged" : failed.has(clientId);
      expect(outcome, `${b.name}'s ${clientId}`).not.toBe(false);
      if (outcome !== "acknowledged") expect(b.reasonsFor(clientId)).toContain("unavailable");
    }
  }
  const rejected = bots.map((b) => new Set(b.pending.map((p) => p.clientId)));

  // The retry button on each failed message: same clientId, stored once.
  const retried = bots.reduce((n, b) => n + b.retryFailed(), 0);
  expect(retried).toBeGreaterThan(0);
  let rows = await settle(bots, channel.id);
  for (const [i, b] of bots.entries()) {
    for (const clientId of rejected[i] ?? []) expect(b.acked.has(clientId)).toBe(true);
  }

  // And new messages go through as before.
  const after = bots.map((b) => b.say(`${b.name} is back`));
  rows = await settle(bots, channel.id);
  for (const [i, b] of bots.entries()) expect(b.acked.has(after[i] as string)).toBe(true);

  const t = expectConsistent(bots, rows);
  expect(t.sent).toBe(BOTS * (PER_BOT + 1));
  expect(t.stored).toBe(t.sent);
  report("database-outage", t, {
    outageMs,
    rejected: bots.reduce((n, b) => n + unavailable(b).length, 0),
    retried,
  });
  for (const b of bots) b.stop();
});

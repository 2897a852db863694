/**
 * A reconnect storm: many people are in one room (200 in the soak) when its runtime dies, and
 * every socket comes back at once, each fetching a token and catching up on what it missed.
 * Everyone must be back, nothing lost, doubled or reordered, and every list equal to MySQL's.
 */
import { expect, it } from "vitest";
import { joinAll } from "./support/chat-bot";
import { createChannel, createUser } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { scale } from "./support/soak";
import { waitFor } from "./support/wait";

const SOCKETS = scale.stormSockets;
/** Messages each person sends before the storm and after it. */
const BEFORE = 2;
const AFTER = 3;

const stack = faultStackPerFile();

it("a room full of sockets that all reconnect at once loses nothing", async () => {
  const channel = await createChannel("storm");
  const users = await Promise.all(
    Array.from({ length: SOCKETS }, (_, i) => createUser(`storm${i}`)),
  );
  const bots = await joinAll(stack(), channel, users);

  for (let i = 0; i < BEFORE; i++) for (const b of bots) b.say(`${b.name} before ${i}`);
  await settle(bots, channel.id, { timeoutMs: 120_000 });

  const started = Date.now();
  await stack().restartRoom();
  // The room is back; now every socket is on its way back too, all at once.
  await waitFor(
    `all ${SOCKETS} sockets to reconnect`,
    () => bots.every((b) => b.status === "open" && b.stats.opens >= 2),
    { timeoutMs: 120_000 },
  );
  const reconnectedMs = Date.now() - started;

  // Some talk right as they come back: their messages meet everyone else's catch-up.
  for (let i = 0; i < AFTER; i++) for (const b of bots) b.say(`${b.name} after ${i}`);
  const rows = await settle(bots, channel.id, { timeoutMs: 120_000 });

  expect(bots.flatMap((b) => b.rejections)).toEqual([]);
  const t = expectConsistent(bots, rows);
  expect(t.sent).toBe(SOCKETS * (BEFORE + AFTER));
  expect(t.stored).toBe(t.sent);
  report("reconnect-storm", t, {
    sockets: SOCKETS,
    reconnectedMs,
    catchUpPages: bots.reduce((n, b) => n + b.stats.catchUpPages, 0),
  });
  for (const b of bots) b.stop();
});

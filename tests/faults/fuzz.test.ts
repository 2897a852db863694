/**
 * Over 10,000 malformed and hostile frames from several authenticated sockets, while two
 * well-behaved clients chat in the same room. The room must answer every bad frame with the
 * right rejection and never fall over (the good clients never lose their connection); the few
 * well-formed frames hidden in the flood are stored once, as their sender's, whatever they
 * claim; every good message arrives.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { signRoomToken } from "@/party/token";
import { joinAll } from "./support/chat-bot";
import { createChannel, createUser, type FaultUser } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { hostileFrames } from "./support/hostile-frames";
import { expectConsistent, report, settle } from "./support/ledger";
import { isRefused, RawSocket } from "./support/raw-socket";
import { startTyping } from "./support/typist";
import { waitFor } from "./support/wait";

const SOCKETS = 4;
const FRAMES_PER_SOCKET = 2_600;
const SEED = 20_240_611;

const stack = faultStackPerFile();

async function hostileSocket(user: FaultUser, room: string, origin: string | null) {
  const token = await signRoomToken({
    user: { id: user.id, name: user.displayName, image: null, role: "member" },
    channel: room,
    secret: stack().secrets.partySecret,
  });
  const result = await RawSocket.open({ partyHost: stack().partyHost, room, token, origin });
  if (isRefused(result)) throw new Error(`hostile socket refused (${result.status})`);
  return result;
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

it("shrugs off a flood of hostile frames while good clients keep chatting", async () => {
  const channel = await createChannel("fuzz");
  const [alice, bob] = await Promise.all([createUser("fuzzgood"), createUser("fuzzgood")]);
  const attackers = await Promise.all(Array.from({ length: SOCKETS }, () => createUser("fuzzbad")));
  const good = await joinAll(stack(), channel, [alice, bob], ["good1", "good2"]);
  // Half the attackers send the site's Origin, half none (non-browser clients may omit it).
  const sockets: RawSocket[] = await Promise.all(
    attackers.map((user, i) => hostileSocket(user, channel.slug, i % 2 ? stack().appOrigin : null)),
  );
  const plans = sockets.map((_, i) => hostileFrames(SEED + i, FRAMES_PER_SOCKET));

  // The good clients chat for as long as the flood lasts (and at least 100 messages each).
  const typing = good.map((bot) => startTyping(bot, { count: 100_000, everyMs: 25 }));
  const started = Date.now();
  await Promise.all(
    sockets.map(async (socket, i) => {
      for (const frame of plans[i] ?? []) await socket.send(frame.data, { binary: frame.binary });
      // Frames from one socket are handled in order, so once this marker comes back stored,
      // every frame before it has been answered.
      await socket.sendAndAwaitStored(randomUUID(), `marker ${i}`);
    }),
  );
  const floodMs = Date.now() - started;
  await waitFor("each good client to have typed 100 messages", () =>
    typing.every((t) => t.count >= 100),
  );
  for (const t of typing) t.stop();
  const rows = await settle(good, channel.id);

  expect(stack().roomAlive()).toBe(true);
  for (const bot of good) {
    expect(bot.stats.closes, `${bot.name} lost its connection`).toBe(0);
    expect(bot.stats.opens).toBe(1);
    expect(bot.rejections).toEqual([]);
    expect(bot.acked.size, `${bot.name}'s messages acknowledged`).toBe(bot.typed.size);
  }
  const attackerIds = new Set(attackers.map((a) => a.id));
  for (const [i, socket] of sockets.entries()) {
    const plan = plans[i] ?? [];
    expect(socket.closed, `attacker ${i} was disconnected`).toBeNull();
    expect(socket.unreadable).toEqual([]);
    const expected = countBy(
      plan.filter((f) => f.expect !== "stored"),
      (f) => f.expect,
    );
    expect(
      countBy(socket.rejected, (r) => r.reason),
      `rejections for attacker ${i}`,
    ).toEqual(expected);
    // The well-formed ones hidden in the flood: stored once each, under the sender's id only.
    const author = attackers[i]?.id;
    const mine = rows.filter((r) => r.authorId === author);
    const wanted = new Set(plan.flatMap((f) => (f.clientId ? [f.clientId] : [])));
    expect(mine.length).toBe(wanted.size + 1);
    for (const clientId of wanted) expect(mine.some((r) => r.clientId === clientId)).toBe(true);
  }
  // Spoofed authorId/author fields never made a row anyone else's.
  const goodIds = new Set(good.map((b) => b.user.id));
  expect(rows.every((r) => goodIds.has(r.authorId) || attackerIds.has(r.authorId))).toBe(true);
  expect(rows.filter((r) => r.body === "replayed with another body")).toEqual([]);

  const t = expectConsistent(good, rows, { foreignAllowed: true });
  expect(t.stored).toBe(t.sent);
  const frames = plans.reduce((n, p) => n + p.length, 0);
  expect(frames).toBeGreaterThanOrEqual(10_000);
  report("fuzz", t, {
    hostileFrames: frames,
    hostileSockets: SOCKETS,
    rejected: sockets.reduce((n, s) => n + s.rejected.length, 0),
    hostileStored: t.foreign,
    floodMs,
  });
  for (const bot of good) bot.stop();
  for (const socket of sockets) socket.close();
});

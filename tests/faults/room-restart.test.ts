/**
 * The room's runtime dies (SIGKILL of workerd, so nothing is flushed) and the supervisor that
 * `npm run dev` uses brings it back, several times (100 in the soak), while three clients keep
 * chatting. Whatever any client saw acknowledged must be in MySQL exactly once, and every
 * client must end with MySQL's list.
 */
import { expect, it } from "vitest";
import { joinAll } from "./support/chat-bot";
import { createChannel, createUser, storedReplyTo } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { scale } from "./support/soak";
import { startTyping } from "./support/typist";
import { waitFor } from "./support/wait";

const BOTS = scale.restartTypists;
const PER_BOT = scale.restartPerTypist;
const RESTARTS = scale.restarts;

const stack = faultStackPerFile();

it("survives room restarts mid-stream with nothing lost, doubled or reordered", async () => {
  const channel = await createChannel("restart");
  const users = await Promise.all(
    Array.from({ length: BOTS }, (_, i) => createUser(`restart${i}`)),
  );
  const bots = await joinAll(stack(), channel, users);
  const [first] = bots;
  if (!first) throw new Error("no bots");
  // Every third message replies to this one: replies must keep their parent through restarts.
  const anchorKey = first.say("the anchor");
  await waitFor("the anchor to be stored", () => first.acked.has(anchorKey));
  const anchor = first.live.find((m) => m.clientId === anchorKey)?.id;
  if (anchor === undefined) throw new Error("the anchor came back without an id");

  const typing = bots.map((bot) =>
    startTyping(bot, {
      count: PER_BOT,
      everyMs: scale.restartEveryMs,
      replyTo: (i) => (i % 3 === 0 ? anchor : undefined),
    }),
  );
  const acknowledged = () => bots.reduce((n, b) => n + b.acked.size, 0);
  // Restart points are counts of acknowledged messages, spread over the run, never times.
  const stride = Math.floor((BOTS * PER_BOT) / (RESTARTS + 2));
  for (let r = 1; r <= RESTARTS; r++) {
    // Every bot back online too, so that each restart cuts all of them mid-stream.
    await waitFor(
      `${r * stride} acknowledged and every bot online before restart ${r}`,
      () => acknowledged() >= r * stride && bots.every((b) => b.status === "open"),
      {
        explain: () =>
          `acknowledged=${acknowledged()} room up=${stack().roomAlive()} restarts=${stack().roomRestarts()}\n${bots
            .map(
              (b) =>
                `${b.name}: status=${b.status} sending=${b.sending} opens=${b.stats.opens} problem=${b.problem ?? "-"}`,
            )
            .join("\n")}`,
      },
    );
    await stack().restartRoom();
  }
  await Promise.all(typing.map((t) => t.done));
  const rows = await settle(bots, channel.id);

  expect(bots.flatMap((b) => b.rejections)).toEqual([]);
  for (const b of bots) expect(b.stats.opens, `${b.name}'s connections`).toBeGreaterThan(RESTARTS);
  const t = expectConsistent(bots, rows);
  expect(t.sent).toBe(BOTS * PER_BOT + 1);
  expect(t.stored).toBe(BOTS * PER_BOT + 1);
  // Each reply is stored once with its parent, re-sends after restarts included; no other is.
  const replyTo = await storedReplyTo(channel.id);
  for (const b of bots) {
    for (const clientId of b.typed.keys()) {
      expect(replyTo.get(clientId), `${b.name}'s ${clientId}`).toBe(
        b.repliedTo.get(clientId) ?? null,
      );
    }
  }
  expect([...replyTo.values()].filter((id) => id === anchor)).toHaveLength(
    bots.reduce((n, b) => n + b.repliedTo.size, 0),
  );
  expect(stack().roomRestarts()).toBe(RESTARTS);
  report("room-restart", t, {
    restarts: stack().roomRestarts(),
    reconnects: bots.reduce((n, b) => n + b.stats.opens - 1, 0),
    resent: bots.reduce((n, b) => n + b.stats.resent, 0),
  });
  for (const b of bots) b.stop();
});

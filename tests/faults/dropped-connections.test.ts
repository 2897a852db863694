/**
 * Clients lose their connection mid-stream (a TCP reset between them and the room, as when a
 * phone changes network) and reconnect on their own, while the others keep chatting. One stays
 * away long enough to miss more than a page of history. Pending messages re-sent after each
 * reconnect must be stored once, and every list must end equal to MySQL's.
 */
import { afterAll, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { ChatBot } from "./support/chat-bot";
import { createChannel, createUser } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { startTyping } from "./support/typist";
import { waitFor } from "./support/wait";

const stack = faultStackPerFile();
const proxies: TcpProxy[] = [];
afterAll(async () => {
  for (const p of proxies) await p.close();
});

it("drops and reconnects lose nothing and double nothing", async () => {
  const channel = await createChannel("drops");
  const counts = [400, 400, 200];
  const bots: ChatBot[] = [];
  for (const [i] of counts.entries()) {
    // A proxy per client, so one client's line can fail while the others' stay up.
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: stack().partyPort });
    proxies.push(proxy);
    const user = await createUser(`drop${i}`);
    bots.push(
      await ChatBot.join(`bot${i + 1}`, {
        appUrl: stack().appUrl,
        partyHost: `127.0.0.1:${proxy.port}`,
        channel,
        user,
      }),
    );
  }
  const [one, two, three] = bots as [ChatBot, ChatBot, ChatBot];
  const [p1, p2, p3] = proxies as [TcpProxy, TcpProxy, TcpProxy];
  await waitFor("every bot to connect", () => bots.every((b) => b.status === "open"));

  const typing = bots.map((bot, i) =>
    startTyping(bot, { count: counts[i] as number, everyMs: 20 }),
  );
  const acked = (...who: ChatBot[]) => who.reduce((n, b) => n + b.acked.size, 0);

  // A long absence: bot3's line goes down and stays down while the others store more than a
  // page of history (200), then comes back while they are still chatting, so it catches up
  // across pages with live messages arriving at the same time.
  await waitFor("30 acknowledged before the long absence", () => acked(...bots) >= 30);
  p3.cut();
  await waitFor("bot3 to notice it is offline", () => three.status !== "open");
  const before = acked(one, two);
  await waitFor("250 messages stored while bot3 is away", () => acked(one, two) >= before + 250);
  p3.restore();
  await waitFor("bot3 to be back", () => three.status === "open");

  // Then short drops, each after a number of acknowledged messages, each client twice; the
  // next waits for the dropped client to be back, so every drop hits a live connection.
  const base = acked(...bots);
  const schedule: [ChatBot, TcpProxy][] = [
    [one, p1],
    [two, p2],
    [three, p3],
    [one, p1],
    [two, p2],
    [three, p3],
  ];
  for (const [step, [bot, proxy]] of schedule.entries()) {
    const threshold = base + (step + 1) * 40;
    await waitFor(`${threshold} acknowledged before drop ${step + 1}`, () => {
      return acked(...bots) >= threshold;
    });
    const opens = bot.stats.opens;
    proxy.drop();
    await waitFor(`${bot.name} to reconnect after drop ${step + 1}`, () => {
      return bot.stats.opens > opens && bot.status === "open";
    });
  }

  await Promise.all(typing.map((t) => t.done));
  const rows = await settle(bots, channel.id);

  expect(bots.flatMap((b) => b.rejections)).toEqual([]);
  const t = expectConsistent(bots, rows);
  const total = counts.reduce((a, b) => a + b, 0);
  expect(t.sent).toBe(total);
  expect(t.stored).toBe(total);
  const resent = bots.reduce((n, b) => n + b.stats.resent, 0);
  // bot3 typed while it was away; those can only have gone out as re-sends.
  expect(three.stats.resent).toBeGreaterThan(0);
  report("dropped-connections", t, {
    drops: schedule.length + 1,
    reconnects: bots.reduce((n, b) => n + b.stats.opens - 1, 0),
    resent,
  });
  for (const b of bots) b.stop();
});

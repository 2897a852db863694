/**
 * Sends are paced, not refused, also when the line fails: a burst far past the room's rate limit
 * (a real, small one here, unlike the other suites) is held by the client's pacer, its connection
 * is reset half-way, and every message must still be stored once, in the order it was typed,
 * with none shown failed. A second tab of the same user then bursts alongside the first: they
 * share the room's bucket, so some sends are refused `rate_limited`; the pacer takes those back
 * and none may end failed or doubled.
 */
import { afterAll, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { ChatBot } from "./support/chat-bot";
import { createChannel, createUser, type StoredRow } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { waitFor } from "./support/wait";

// Burst 5, then 10 a second: small enough that a burst of dozens must be paced.
const stack = faultStackPerFile({
  partyVars: { RATE_LIMIT_BURST: "5", RATE_LIMIT_PER_SECOND: "10" },
});
const proxies: TcpProxy[] = [];
afterAll(async () => {
  for (const p of proxies) await p.close();
});

/** The clientIds `bot` typed, in typed order, as MySQL stored them (by id). */
const storedOrder = (bot: ChatBot, rows: StoredRow[]) =>
  rows
    .filter((r) => r.authorId === bot.user.id && bot.typed.has(r.clientId))
    .map((r) => r.clientId);

it("a burst through a reset connection is stored once each, in typed order, none failed", async () => {
  const channel = await createChannel("burst");
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: stack().partyPort });
  proxies.push(proxy);
  const sender = await ChatBot.join("sender", {
    appUrl: stack().appUrl,
    partyHost: `127.0.0.1:${proxy.port}`,
    channel,
    user: await createUser("burst-sender"),
  });
  const reader = await ChatBot.join("reader", {
    appUrl: stack().appUrl,
    partyHost: stack().partyHost,
    channel,
    user: await createUser("burst-reader"),
  });
  await waitFor("both to connect", () => sender.status === "open" && reader.status === "open");

  const count = 60;
  const typed = Array.from({ length: count }, (_, i) => sender.say(`burst #${i}`));
  // Paced, not refused: most are still waiting on the page.
  expect(sender.sending).toBeGreaterThan(count - 10);
  await waitFor("a third acknowledged", () => sender.acked.size >= count / 3);
  const opens = sender.stats.opens;
  proxy.drop();
  await waitFor(
    "the sender to reconnect",
    () => sender.stats.opens > opens && sender.status === "open",
  );

  const rows = await settle([sender, reader], channel.id);
  expect(sender.pending).toEqual([]);
  expect(sender.rejections).toEqual([]);
  const t = expectConsistent([sender, reader], rows);
  expect(t.stored).toBe(count);
  expect(storedOrder(sender, rows)).toEqual(typed);
  // The reader saw them live in the same order, each once.
  const live = reader.live.filter((m) => m.author.id === sender.user.id).map((m) => m.clientId);
  expect(new Set(live).size).toBe(live.length);
  expect(reader.messages.map((m) => m.clientId)).toEqual(typed);
  report("paced-burst", t, { resent: sender.stats.resent, frames: sender.stats.framesSent });
  sender.stop();
  reader.stop();
});

it("two tabs of one user bursting together share the bucket: refusals are waited out, none fails", async () => {
  const channel = await createChannel("tabs");
  const user = await createUser("burst-tabs");
  const join = (name: string) =>
    ChatBot.join(name, { appUrl: stack().appUrl, partyHost: stack().partyHost, channel, user });
  const tabs = [await join("tab1"), await join("tab2")];
  await waitFor("both tabs to connect", () => tabs.every((b) => b.status === "open"));

  const count = 25;
  for (let i = 0; i < count; i++) for (const tab of tabs) tab.say(`${tab.name} #${i}`);
  const rows = await settle(tabs, channel.id);
  for (const tab of tabs) expect(tab.pending, `${tab.name}'s pending`).toEqual([]);
  const t = expectConsistent(tabs, rows);
  expect(t.stored).toBe(2 * count);
  const refused = tabs.flatMap((b) => b.rejections);
  expect(refused.every((r) => r.reason === "rate_limited")).toBe(true);
  report("paced-burst-two-tabs", t, {
    requeued: tabs.reduce((n, b) => n + b.stats.requeued, 0),
  });
  for (const tab of tabs) tab.stop();
});

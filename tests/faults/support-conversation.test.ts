/**
 * A support conversation is a room like a channel: a visitor (through the widget's routes, with
 * a visitor cookie) and an agent chat while the room's runtime is killed and brought back, and
 * the visitor's line drops and comes back. Whatever either saw acknowledged is in MySQL exactly
 * once, and both end with MySQL's list.
 */
import { afterAll, expect, it } from "vitest";
import { startOrResume } from "@/app/_lib/support/conversations";
import { signVisitorSession } from "@/app/_lib/support/visitor-session";
import { makeSite, makeUser } from "../support/factories";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { ChatBot } from "./support/chat-bot";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { startTyping } from "./support/typist";
import { openVisitorBot, visitorSession } from "./support/visitor";
import { waitFor } from "./support/wait";

const PER_SIDE = 120;
const stack = faultStackPerFile();
const proxies: TcpProxy[] = [];
afterAll(async () => {
  for (const p of proxies) await p.close();
});

it("a visitor conversation survives room restarts and a dropped line with nothing lost", async () => {
  const site = await makeSite();
  const started = await startOrResume({
    site,
    visitor: null,
    name: "Fault Visitor",
    email: "",
    pageUrl: "",
    address: "192.0.2.99",
  });
  if (!started.ok) throw new Error(started.reason);
  const { conversation, visitor } = started;
  const channel = { id: conversation.channelId, slug: conversation.slug };
  const agentUser = await makeUser({ label: "agent", role: "agent" });

  const cookie = await signVisitorSession(
    { userId: visitor.id, siteId: site.id },
    stack().secrets.nextAuthSecret,
  );
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: stack().partyPort });
  proxies.push(proxy);
  const visitorBot = openVisitorBot("visitor", {
    appUrl: stack().appUrl,
    partyHost: `127.0.0.1:${proxy.port}`,
    site,
    visitor,
    channel,
    // As the chat page in the site's frame calls: same-origin, naming the embedding page.
    session: visitorSession(stack().appUrl, site, { cookie }),
  });
  const agentBot = await ChatBot.join("agent", {
    appUrl: stack().appUrl,
    partyHost: stack().partyHost,
    channel,
    user: agentUser,
  });
  const bots = [visitorBot, agentBot];
  await waitFor("both sides to connect", () => bots.every((b) => b.status === "open"), {
    explain: () => bots.map((b) => `${b.name}: ${b.status} ${b.problem ?? ""}`).join("\n"),
  });

  const typing = bots.map((bot) => startTyping(bot, { count: PER_SIDE, everyMs: 20 }));
  const acked = () => bots.reduce((n, b) => n + b.acked.size, 0);
  const total = 2 * PER_SIDE;

  await waitFor("a quarter acknowledged", () => acked() >= total / 4);
  await stack().restartRoom();
  await waitFor(
    "both back and half acknowledged",
    () => acked() >= total / 2 && bots.every((b) => b.status === "open"),
  );
  proxy.cut();
  await waitFor("the visitor to notice the drop", () => visitorBot.status !== "open");
  const before = agentBot.acked.size;
  await waitFor(
    "the agent to go on while the visitor is away",
    () => agentBot.acked.size >= Math.min(PER_SIDE, before + 20),
  );
  proxy.restore();
  await waitFor("the visitor to be back", () => visitorBot.status === "open");
  await stack().restartRoom();
  await Promise.all(typing.map((t) => t.done));
  const rows = await settle(bots, channel.id);

  expect(bots.flatMap((b) => b.rejections)).toEqual([]);
  const t = expectConsistent(bots, rows);
  expect(t.sent).toBe(total);
  expect(t.stored).toBe(total);
  report("support conversation", t, {
    visitorOpens: visitorBot.stats.opens,
    agentOpens: agentBot.stats.opens,
  });
  for (const b of bots) b.stop();
});

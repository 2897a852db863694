/**
 * `npm run bench -- --only support`: many support conversations at once, through the product's
 * own path. One site; N visitors, each starting a conversation with the widget's start action
 * (its own address, as behind a proxy), keeping its visitor cookie, polling the conversation's
 * state as the chat page does, and talking through the page's room client with a token from the
 * widget's token route; agents signed in through NextAuth, one socket per conversation with a
 * token from the member token route. Visitors send at a fixed total rate (open loop: message k is
 * due at t0 + k/rate, and its latency runs from that due time), every message must reach the
 * agent's socket exactly once and be stored exactly once (by clientId), and the room stores
 * through the app's store route as always.
 */

import { STATE_POLL_MS, widgetStatePath } from "@/components/widget/widget-fetch";
import { closeDb } from "@/db";
import type { ChatMessage } from "@/party/protocol";
import { ChatBot } from "../faults/support/chat-bot";
import type { FaultChannel } from "../faults/support/db";
import { Session } from "../faults/support/session";
import {
  openVisitorBot,
  START_ACTION,
  type StartedConversation,
  startAsWidget,
  visitorSession,
} from "../faults/support/visitor";
import { waitFor } from "../faults/support/wait";
import { makeSite, makeUser, type TestSite } from "../support/factories";
import { serverActionId } from "../support/server-action";
import type { BenchDb } from "./bench-db";
import { LatencyHistogram } from "./delivery-ledger";
import { parseCpuList } from "./pinning";
import { cpuJiffies, cpuSecondsBetween, ProcessSampler, pinnedCpuSeconds } from "./process-stats";

export type SupportStep = {
  offered: number;
  duration_s: number;
  /** Messages the visitors typed in the step (what the schedule offered). */
  sent: number;
  /** Of those, the ones that reached the agent's socket live (first copies). */
  delivered: number;
  /** Of those, the ones MySQL holds (by clientId, in the conversations of the run). */
  stored: number;
  /**
   * Sent but not both stored and held by the agent's client at the end, and not shown to the
   * visitor as failed or still sending either: gone without a trace.
   */
  lost: number;
  /** Shown to the visitor as failed (with Retry): the room gave up waiting for the store. */
  failed: number;
  /**
   * Of those, the ones MySQL holds after all: the room gave up waiting (its store deadline)
   * on a call the app still finished. Retry is safe (same clientId), but no one was told live.
   */
  failed_but_stored: number;
  /** Still sending on the visitor's page when the drain wait ended. */
  late: number;
  /** Extra copies: rows stored twice, frames delivered twice, ids held twice. */
  doubled: number;
  /** Visitors' own messages that came back to them (the acknowledgement). */
  acked: number;
  /** Due time → the visitor's own copy back, median and 99th percentile. */
  ack_p50_ms: number | null;
  ack_p99_ms: number | null;
  /** Deliveries to the agent per second, from the window's start to the last one. */
  delivered_per_s: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  /** Milliseconds after the window until the last delivery; null if some never came. */
  drained_after_ms: number | null;
  /** The chat pages' state polls in the step, and the ones that failed. */
  polls: number;
  polls_failed: number;
  room_cpu_pct: number;
  app_cpu_pct: number;
  db_cpu_pct: number | null;
  generator_cpu_pct: number;
  /**
   * Everything else pinned with the systems (wrangler's own node process and its dev proxy, the
   * kernel's disk workers for that CPU), as % of one core; null unpinned. Cloudflare runs no
   * wrangler: this is the local stand-in's own cost.
   */
  rest_cpu_pct: number | null;
  /**
   * How busy the CPU(s) the systems are pinned to were, whoever used them (wrangler's own
   * processes too); null unpinned.
   */
  systems_core_busy_pct: number | null;
  /**
   * Of that, what processes not pinned there took (other work on the machine: a busy neighbour
   * makes the step's numbers worse than the stack alone would); null unpinned.
   */
  systems_core_foreign_pct: number | null;
  /** MySQL statements (every client) per message sent, over the step. */
  db_queries_per_msg: number | null;
  generator_lag_max_ms: number;
};

export type SupportResult = {
  conversations: number;
  agents: number;
  sockets: number;
  /** How often each chat page polled its state; null when the run left polls out. */
  poll_every_ms: number | null;
  /** Seconds to start every conversation and open every socket. */
  setup_s: number;
  steps: SupportStep[];
};

export type SupportArgs = {
  db: BenchDb;
  appUrl: string;
  /** host:port of the room's runtime. */
  partyHost: string;
  nextAuthSecret: string;
  pids: { room: number; app: number; db: number | null };
  /** The taskset list the systems run on, when pinned. */
  systemsCpu?: string;
  /** Leave out the chat pages' state polls (to see what they cost). */
  poll: boolean;
  conversations: number;
  agents: number;
  rates: number[];
  stepMs: number;
  drainMs: number;
  log: (line: string) => void;
};

// ~100 characters in all with the header, as the main bench's: a typical chat line.
const PADDING = "hello, is anyone there? I have a question about my order and the delivery";

type Conversation = {
  started: StartedConversation;
  channel: FaultChannel;
  visitor: ChatBot;
  agent: ChatBot;
};

/** One step's books: each clientId's due time, arrivals at the agent and echo to the visitor. */
class StepBooks {
  readonly due = new Map<string, number>();
  readonly firstAt = new Map<string, number>();
  readonly copies = new Map<string, number>();
  readonly acked = new Set<string>();
  readonly latency = new LatencyHistogram();
  /** Due time → the visitor's own copy back (the room stored it and told the sender). */
  readonly ackLatency = new LatencyHistogram();
  lastArrival = 0;
  maxLatency = 0;

  atAgent(m: ChatMessage): void {
    const due = this.due.get(m.clientId);
    if (due === undefined) return;
    const now = performance.now();
    const seen = this.copies.get(m.clientId) ?? 0;
    this.copies.set(m.clientId, seen + 1);
    if (seen > 0) return;
    this.firstAt.set(m.clientId, now);
    this.lastArrival = now;
    this.latency.add(now - due);
    this.maxLatency = Math.max(this.maxLatency, now - due);
  }

  atVisitor(m: ChatMessage): void {
    const due = this.due.get(m.clientId);
    if (due === undefined || this.acked.has(m.clientId)) return;
    this.acked.add(m.clientId);
    this.ackLatency.add(performance.now() - due);
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
async function inBatches<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return results;
}

export async function measureSupport(args: SupportArgs): Promise<SupportResult> {
  const { log } = args;
  // The shared factories reach MySQL through the app's own queries, configured from the env.
  process.env.DATABASE_URL = args.db.url;
  process.env.NEXTAUTH_SECRET = args.nextAuthSecret;
  let books: StepBooks | null = null;
  const conversations: Conversation[] = [];
  const pollTimers: NodeJS.Timeout[] = [];
  const polls = { ok: 0, failed: 0 };
  try {
    const setupStart = performance.now();
    const site: TestSite = await makeSite({ name: "Bench shop" });
    const agentUsers = await Promise.all(
      Array.from({ length: args.agents }, () => makeUser({ label: "agent", role: "agent" })),
    );
    const agentSessions = await Promise.all(
      agentUsers.map((u) => Session.signIn(args.appUrl, u.username, u.password)),
    );
    const actionId = serverActionId(START_ACTION.file, START_ACTION.name);

    const visitors = await inBatches(
      Array.from({ length: args.conversations }, (_, i) => i),
      8,
      async (i) => {
        // Each its own client address (198.18.0.0/15, set aside for benchmarks), as a proxy reports it:
        // the start limit per address is for offices, not for a whole bench.
        const session = visitorSession(args.appUrl, site, {
          headers: { "x-real-ip": `198.18.${i >> 8}.${i & 255}` },
        });
        const started = await startAsWidget(session, site, actionId, {
          name: `Bench visitor ${i + 1}`,
        });
        return { session, started };
      },
    );
    const ids = await args.db.channelIdsBySlug(visitors.map((v) => v.started.slug));
    log(`support: ${visitors.length} conversations started`);

    const batch = 20;
    for (let from = 0; from < visitors.length; from += batch) {
      const opened = visitors.slice(from, from + batch).map(({ session, started }, j) => {
        const i = from + j;
        const id = ids.get(started.slug);
        if (id === undefined) throw new Error(`no channel row for ${started.slug}`);
        const channel = { id, slug: started.slug };
        const a = i % args.agents;
        const agentUser = agentUsers[a];
        const agentSession = agentSessions[a];
        if (!agentUser || !agentSession) throw new Error("agent missing");
        const visitor = openVisitorBot(`visitor${i + 1}`, {
          appUrl: args.appUrl,
          partyHost: args.partyHost,
          site,
          visitor: {
            id: started.visitorId,
            username: `visitor${started.visitorId}`,
            displayName: started.visitorName,
          },
          channel,
          session,
          onLive: (m) => books?.atVisitor(m),
        });
        const agent = ChatBot.withSession(
          `agent${a + 1}@${i + 1}`,
          {
            appUrl: args.appUrl,
            partyHost: args.partyHost,
            channel,
            user: agentUser,
            onLive: (m) => books?.atAgent(m),
          },
          agentSession,
        );
        return { started, channel, visitor, agent };
      });
      conversations.push(...opened);
      await waitFor(
        `sockets ${from + 1}-${from + opened.length} to open`,
        () => opened.every((c) => c.visitor.status === "open" && c.agent.status === "open"),
        {
          timeoutMs: 60_000,
          explain: () =>
            opened
              .flatMap((c) => [c.visitor, c.agent])
              .filter((b) => b.status !== "open")
              .map((b) => `${b.name}: ${b.status} ${b.problem ?? ""}`)
              .join("\n"),
        },
      );
    }
    // The chat page polls from the moment it opens; staggered, as pages opened at different times.
    conversations.forEach((c, i) => {
      if (!args.poll) return;
      const poll = () => {
        c.visitor.session
          .fetch(widgetStatePath(site.publicKey, c.channel.slug))
          .then(async (r) => {
            await r.body?.cancel();
            if (r.ok) polls.ok++;
            else polls.failed++;
          })
          .catch(() => {
            polls.failed++;
          });
      };
      const start = setTimeout(
        () => {
          poll();
          pollTimers.push(setInterval(poll, STATE_POLL_MS));
        },
        (i * STATE_POLL_MS) / conversations.length,
      );
      pollTimers.push(start);
    });
    const setupS = (performance.now() - setupStart) / 1000;
    log(
      `support: ${conversations.length * 2} sockets open (${conversations.length} visitors, ${args.agents} agents) after ${setupS.toFixed(1)} s`,
    );

    const runStep = async (rate: number, durationMs: number, label: string) => {
      const step = new StepBooks();
      books = step;
      const pollsBefore = { ...polls };
      const sampler = new ProcessSampler({
        room: args.pids.room,
        app: args.pids.app,
        ...(args.pids.db ? { db: args.pids.db } : {}),
        generator: process.pid,
      });
      const systemsCpus = args.systemsCpu ? parseCpuList(args.systemsCpu) : null;
      const coreBefore = systemsCpus ? cpuJiffies(systemsCpus) : null;
      const stackBefore = args.systemsCpu ? pinnedCpuSeconds(args.systemsCpu) : null;
      const dbBefore = await args.db.counters();
      const total = Math.floor((rate * durationMs) / 1000);
      const t0 = performance.now();
      let k = 0;
      let lagMax = 0;
      await new Promise<void>((resolve) => {
        const tick = () => {
          const now = performance.now();
          const due = Math.min(total, Math.floor(((now - t0) * rate) / 1000) + 1);
          for (; k < due; k++) {
            const c = conversations[k % conversations.length];
            if (!c) continue;
            const at = t0 + (k * 1000) / rate;
            lagMax = Math.max(lagMax, now - at);
            const clientId = c.visitor.say(`${label} #${k}: ${PADDING}`);
            step.due.set(clientId, at);
          }
          if (k >= total && now >= t0 + durationMs) {
            clearInterval(timer);
            resolve();
          }
        };
        const timer = setInterval(tick, 1);
        tick();
      });
      const windowEnd = performance.now();
      let drainedAfter: number | null = null;
      while (performance.now() < windowEnd + args.drainMs) {
        if (step.firstAt.size >= step.due.size && step.acked.size >= step.due.size) {
          drainedAfter = Math.max(0, step.lastArrival - windowEnd);
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const usage = sampler.stop();
      const coreAfter = systemsCpus ? cpuJiffies(systemsCpus) : null;
      const stackAfter = args.systemsCpu ? pinnedCpuSeconds(args.systemsCpu) : null;
      const stepSeconds = (performance.now() - t0) / 1000;
      const stackSeconds =
        stackBefore && stackAfter ? cpuSecondsBetween(stackBefore, stackAfter) : null;
      const dbAfter = await args.db.counters();
      books = null;
      const pollsInStep = {
        ok: polls.ok - pollsBefore.ok,
        failed: polls.failed - pollsBefore.failed,
      };
      const stored = await args.db.storedCopies(
        conversations.map((c) => c.channel.id),
        [...step.due.keys()],
      );
      const held = new Set<string>();
      let heldTwice = 0;
      for (const c of conversations) {
        const ids = new Set<number>();
        for (const m of c.agent.messages) {
          if (ids.has(m.id)) heldTwice++;
          ids.add(m.id);
          if (step.due.has(m.clientId)) held.add(m.clientId);
        }
      }
      // What each visitor's page shows of its own messages not stored yet.
      const shown = new Map<string, "sending" | "failed">();
      for (const c of conversations) {
        for (const p of c.visitor.pending) shown.set(p.clientId, p.status);
      }
      let lost = 0;
      let failed = 0;
      let failedButStored = 0;
      let late = 0;
      let doubled = heldTwice;
      for (const clientId of step.due.keys()) {
        const rows = stored.get(clientId) ?? 0;
        doubled += Math.max(0, rows - 1) + Math.max(0, (step.copies.get(clientId) ?? 0) - 1);
        if (rows > 0 && held.has(clientId)) continue;
        const status = shown.get(clientId);
        if (status === "failed") {
          failed++;
          if (rows > 0) failedButStored++;
        } else if (status === "sending") late++;
        else lost++;
      }
      const span = (step.lastArrival - t0) / 1000;
      const pct = (p: number, h = step.latency) =>
        h.count ? Math.round(h.percentile(p) * 10) / 10 : null;
      return {
        offered: rate,
        duration_s: durationMs / 1000,
        sent: step.due.size,
        delivered: step.firstAt.size,
        stored: [...step.due.keys()].filter((c) => (stored.get(c) ?? 0) > 0).length,
        lost,
        failed,
        failed_but_stored: failedButStored,
        late,
        doubled,
        acked: step.acked.size,
        ack_p50_ms: pct(0.5, step.ackLatency),
        ack_p99_ms: pct(0.99, step.ackLatency),
        delivered_per_s: span > 0 ? Math.round((step.firstAt.size / span) * 10) / 10 : 0,
        p50_ms: pct(0.5),
        p95_ms: pct(0.95),
        p99_ms: pct(0.99),
        max_ms: step.latency.count ? Math.round(step.maxLatency * 10) / 10 : null,
        drained_after_ms: drainedAfter === null ? null : Math.round(drainedAfter),
        polls: pollsInStep.ok + pollsInStep.failed,
        polls_failed: pollsInStep.failed,
        room_cpu_pct: Math.round(usage.room?.cpuPercent ?? 0),
        app_cpu_pct: Math.round(usage.app?.cpuPercent ?? 0),
        db_cpu_pct: usage.db ? Math.round(usage.db.cpuPercent) : null,
        generator_cpu_pct: Math.round(usage.generator?.cpuPercent ?? 0),
        systems_core_busy_pct:
          coreBefore && coreAfter && coreAfter.total > coreBefore.total
            ? Math.round(
                ((coreAfter.busy - coreBefore.busy) / (coreAfter.total - coreBefore.total)) * 100,
              )
            : null,
        rest_cpu_pct:
          stackSeconds === null
            ? null
            : Math.max(
                0,
                Math.round(
                  (stackSeconds / stepSeconds) * 100 -
                    (usage.room?.cpuPercent ?? 0) -
                    (usage.app?.cpuPercent ?? 0) -
                    (usage.db?.cpuPercent ?? 0),
                ),
              ),
        systems_core_foreign_pct:
          coreBefore && coreAfter && stackBefore && stackAfter && systemsCpus
            ? Math.max(
                0,
                Math.round(
                  ((coreAfter.busy - coreBefore.busy) / (coreAfter.total - coreBefore.total)) *
                    100 -
                    (cpuSecondsBetween(stackBefore, stackAfter) /
                      stepSeconds /
                      systemsCpus.length) *
                      100,
                ),
              )
            : null,
        db_queries_per_msg:
          step.due.size > 0
            ? Math.round(((dbAfter.queries - dbBefore.queries) / step.due.size) * 10) / 10
            : null,
        generator_lag_max_ms: Math.round(lagMax * 10) / 10,
      } satisfies SupportStep;
    };

    /** Waits (at most a minute) until no visitor has a message still sending: an idle system. */
    const settle = () =>
      waitFor(
        "the last step's messages to be stored",
        () => conversations.every((c) => c.visitor.sending === 0),
        { timeoutMs: 60_000, everyMs: 200 },
      ).catch(() => log("support: the system had not worked off the last step after 60 s"));

    // Unrecorded: the first messages through fresh rooms pay for JIT and pools.
    const warm = await runStep(Math.min(50, args.rates[0] ?? 50), 3_000, "warm-up");
    log(`support warm-up: ${warm.delivered}/${warm.sent} delivered, p99 ${warm.p99_ms} ms`);
    const steps: SupportStep[] = [];
    for (const rate of args.rates) {
      await settle();
      const step = await runStep(rate, args.stepMs, `step ${rate}/s`);
      log(
        `support ${rate}/s: sent ${step.sent}, delivered ${step.delivered}, stored ${step.stored}, lost ${step.lost}, failed ${step.failed}, late ${step.late}, doubled ${step.doubled}, p50 ${step.p50_ms} ms, p99 ${step.p99_ms} ms (visitor's ack: p50 ${step.ack_p50_ms}, p99 ${step.ack_p99_ms} ms)`,
      );
      steps.push(step);
    }
    return {
      conversations: conversations.length,
      agents: args.agents,
      sockets: conversations.length * 2,
      poll_every_ms: args.poll ? STATE_POLL_MS : null,
      setup_s: Math.round(setupS * 10) / 10,
      steps,
    };
  } finally {
    for (const t of pollTimers) clearInterval(t);
    for (const c of conversations) {
      c.visitor.stop();
      c.agent.stop();
    }
    await closeDb();
  }
}

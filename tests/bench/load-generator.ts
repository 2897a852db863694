/**
 * The one load generator that drives all three systems: N WebSocket clients in this process, the
 * first S of them senders. Sending is open-loop: message k is due at t0 + k/rate whatever the
 * server does, and its body carries that due time, so a server that falls behind shows it as
 * latency instead of slowing the load down (no coordinated omission). Every client records every
 * `message` frame in a DeliveryLedger.
 *
 * Frames are read by frame-reader.ts, without JSON.parse.
 *
 * These are raw `ws` sockets, not the page's RoomClient, on purpose: a dropped socket must count
 * as lost rather than reconnect and re-send, the baselines have no token route to ask, a client
 * that cannot open must fail the step within its timeout, and the page's frame parsing (zod) would
 * double the generator's cost per received frame on the cores it shares with what it measures.
 */
import { randomUUID } from "node:crypto";
import { type RawData, WebSocket } from "ws";
import { TYPING_EVERY_MS } from "../../party/protocol";
import { DeliveryLedger, type LedgerSummary } from "./delivery-ledger";
import { isStoredFrame, readStoredMessages } from "./frame-reader";

/** When a client counts as connected: at `open`, or at its first frame (the room's limits). */
export type ReadyOn = "open" | "first-frame";

export type StepPlan = {
  /** Messages per second, all senders together. */
  rate: number;
  senders: number;
  durationMs: number;
  /** How long to wait after the window for the last deliveries. */
  drainMs: number;
  /** Typing frames and reaction commands sent alongside the messages, through the window. */
  side?: SidePlan;
};

export type SidePlan = {
  /** The first `typists` clients each send a typing frame every TYPING_EVERY_MS, staggered. */
  typists: number;
  reactionsPerSecond: number;
  /** Posts reaction number `k` to the room; resolves to whether the room took it. */
  postReaction: (k: number) => Promise<boolean>;
};

/** What the side traffic did in a step. */
export type SideOutcome = {
  typingSent: number;
  reactionsPosted: number;
  /** Reaction commands the room refused or that failed outright. */
  reactionsFailed: number;
  /** Typing and reaction frames the clients received. */
  framesReceived: number;
};

export type StepOutcome = LedgerSummary & {
  /** The send window in epoch ms (to match MySQL's created_at). */
  windowStartEpochMs: number;
  windowEndEpochMs: number;
  /** Milliseconds from the window's end until every delivery arrived; null if some never did. */
  drainedAfterMs: number | null;
  /** Worst delay between a message's due time and its actual send (the generator's own lag). */
  generatorLagMaxMs: number;
  /** Frames the clients received that were neither ours nor presence nor limits (should be 0). */
  unexpected: number;
  side: SideOutcome | null;
};

const TYPING_FRAME = JSON.stringify({ type: "typing" });

// ~100 characters in all with the header: a typical chat line.
const PADDING = "the quick brown fox jumps over the lazy dog while the chat keeps on scrolling";

export class LoadGenerator {
  private ledger: DeliveryLedger | null = null;
  private windowEnd = Number.POSITIVE_INFINITY;
  private unexpected = 0;
  private sideFrames = 0;

  private constructor(private readonly sockets: WebSocket[]) {
    sockets.forEach((socket, index) => {
      socket.on("message", (data) => this.onFrame(index, data));
    });
  }

  /** Opens one client per URL, `batch` at a time; throws if any fails within `timeoutMs`. */
  static async connect(
    urls: string[],
    readyOn: ReadyOn,
    timeoutMs: number,
    batch = 50,
  ): Promise<LoadGenerator> {
    const sockets: WebSocket[] = [];
    try {
      for (let i = 0; i < urls.length; i += batch) {
        const opened = await Promise.all(
          urls.slice(i, i + batch).map((url) => openClient(url, readyOn, timeoutMs)),
        );
        sockets.push(...opened);
      }
    } catch (error) {
      for (const s of sockets) s.terminate();
      throw error;
    }
    return new LoadGenerator(sockets);
  }

  get size(): number {
    return this.sockets.length;
  }

  /** Runs one step: sends for `durationMs`, then waits up to `drainMs` for the last deliveries. */
  async run(plan: StepPlan): Promise<StepOutcome> {
    const { rate, senders, durationMs, drainMs } = plan;
    const total = Math.floor((rate * durationMs) / 1000);
    const ledger = new DeliveryLedger(this.sockets.length, senders, Math.ceil(total / senders));
    this.ledger = ledger;
    this.unexpected = 0;
    this.sideFrames = 0;
    const t0 = performance.now();
    this.windowEnd = t0 + durationMs;
    let k = 0;
    let lagMax = 0;
    const side = plan.side;
    const sideOutcome: SideOutcome | null = side
      ? { typingSent: 0, reactionsPosted: 0, reactionsFailed: 0, framesReceived: 0 }
      : null;
    const posts: Promise<void>[] = [];
    const typists = Math.min(side?.typists ?? 0, this.sockets.length);
    // Staggered over one interval, as people who started typing at different moments are.
    const nextTyping = Array.from(
      { length: typists },
      (_, i) => t0 + (i * TYPING_EVERY_MS) / typists,
    );
    const reactionsDue = (now: number) =>
      side
        ? Math.floor(((Math.min(now, this.windowEnd) - t0) * side.reactionsPerSecond) / 1000)
        : 0;
    let reactions = 0;

    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - t0) * rate) / 1000) + 1);
        for (; k < due; k++) {
          const s = k % senders;
          const n = ledger.nextSeq(s);
          if (n === null) continue;
          const at = t0 + (k * 1000) / rate;
          lagMax = Math.max(lagMax, now - at);
          const socket = this.sockets[s];
          // A closed socket's message is still counted as sent: the system lost it.
          if (socket?.readyState !== WebSocket.OPEN) continue;
          const body = `t=${at.toFixed(3)};s=${s};n=${n};${PADDING}`;
          socket.send(`{"type":"send","clientId":"${randomUUID()}","body":"${body}"}`);
        }
        if (side && sideOutcome && now < this.windowEnd) {
          for (let i = 0; i < typists; i++) {
            if (now < (nextTyping[i] ?? 0)) continue;
            nextTyping[i] = (nextTyping[i] ?? 0) + TYPING_EVERY_MS;
            const socket = this.sockets[i];
            if (socket?.readyState !== WebSocket.OPEN) continue;
            socket.send(TYPING_FRAME);
            sideOutcome.typingSent++;
          }
          for (const due = reactionsDue(now); reactions < due; reactions++) {
            sideOutcome.reactionsPosted++;
            posts.push(
              side.postReaction(reactions).then(
                (ok) => {
                  if (!ok) sideOutcome.reactionsFailed++;
                },
                () => {
                  sideOutcome.reactionsFailed++;
                },
              ),
            );
          }
        }
        if (k >= total && now >= this.windowEnd) {
          clearInterval(timer);
          resolve();
        }
      };
      // setInterval(1) fires every ~1 ms; each tick sends everything that has come due.
      const timer = setInterval(tick, 1);
      tick();
    });

    const drainDeadline = this.windowEnd + drainMs;
    let drainedAfterMs: number | null = null;
    while (performance.now() < drainDeadline) {
      if (ledger.complete()) {
        drainedAfterMs = Math.max(0, performance.now() - this.windowEnd);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (drainedAfterMs === null && ledger.complete()) drainedAfterMs = drainMs;
    await Promise.all(posts);
    if (sideOutcome) sideOutcome.framesReceived = this.sideFrames;
    this.ledger = null;
    return {
      ...ledger.summary(),
      windowStartEpochMs: performance.timeOrigin + t0,
      windowEndEpochMs: performance.timeOrigin + this.windowEnd,
      drainedAfterMs,
      generatorLagMaxMs: lagMax,
      unexpected: this.unexpected,
      side: sideOutcome,
    };
  }

  /** Closes every client; stragglers are terminated after a second. */
  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, 1_000);
            socket.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close();
          }),
      ),
    );
  }

  private onFrame(r: number, data: RawData): void {
    const ledger = this.ledger;
    if (!ledger) return;
    const now = performance.now();
    const text = Buffer.isBuffer(data) ? data.toString("latin1") : String(data);
    if (isStoredFrame(text)) {
      const inWindow = now <= this.windowEnd;
      const read = readStoredMessages(text, (id, t, s, n) =>
        ledger.receive(r, id, s, n, now - t, inWindow),
      );
      if (!read) this.unexpected++;
    } else if (text.startsWith('{"type":"rejected"')) {
      // Only the sender hears of a rejection; count each once.
      ledger.rejection();
    } else if (text.startsWith('{"type":"typing"') || text.startsWith('{"type":"reaction')) {
      // `reaction` and `reactions` (events the room gathered into one frame).
      this.sideFrames++;
    } else if (!text.startsWith('{"type":"presence"') && !text.startsWith('{"type":"limits"')) {
      this.unexpected++;
    }
  }
}

/** Opens one client; resolves once it is ready (see ReadyOn), rejects on failure or timeout. */
export function openClient(url: string, readyOn: ReadyOn, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // No compression: the room does not offer it either, and it would cost the generator CPU.
    const socket = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(`${url.replace(/token=[^&]+/, "token=…")}: ${why}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      socket.off("error", onError);
      socket.off("close", onClose);
      // Errors after this are seen as a closed socket (its messages count as lost).
      socket.on("error", () => {});
      resolve(socket);
    };
    const onError = (error: Error) => fail(error.message);
    const onClose = (code: number) => fail(`closed (${code})`);
    socket.on("error", onError);
    socket.on("close", onClose);
    socket.on("unexpected-response", (_req, res) => fail(`HTTP ${res.statusCode}`));
    if (readyOn === "open") socket.once("open", ready);
    else socket.once("message", ready);
  });
}

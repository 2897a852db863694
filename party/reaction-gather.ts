import { MAX_REACTIONS_PER_FRAME, type ReactionEvent, type ServerFrame } from "./protocol";

/**
 * At most one reaction broadcast per this many milliseconds. Every broadcast costs the room one
 * write per socket (measured: about 20-40 µs each), so 20 reactions a second in a room of 100
 * were 2,000 writes a second, as many as the messages themselves at 2,000 msg/s; gathered, they
 * are at most 5 frames a second whatever the rate, and a reaction waits at most this long.
 */
export const REACTION_GATHER_MS = 200;

export type ReactionGatherOptions = {
  /** Sends one frame to every socket. */
  broadcast: (frame: ServerFrame) => void;
  now: () => number;
  defer: (fn: () => void, ms: number) => void;
  gatherMs?: number;
};

/**
 * Gathers the room's reaction events into few broadcasts: a reaction after a quiet spell goes at
 * once as a plain `reaction` frame (so a lone click is as quick as before), and those that follow
 * within the window wait for its end and go together, in arrival order, as one `reactions` frame.
 */
export class ReactionGather {
  private waiting: ReactionEvent[] = [];
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private scheduled = false;
  private readonly gatherMs: number;

  constructor(private readonly options: ReactionGatherOptions) {
    this.gatherMs = options.gatherMs ?? REACTION_GATHER_MS;
  }

  /** Events waiting for the end of the window. */
  get size(): number {
    return this.waiting.length;
  }

  add(event: ReactionEvent): void {
    this.waiting.push(event);
    if (this.scheduled) return;
    const wait = this.lastSentAt + this.gatherMs - this.options.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.scheduled = true;
    this.options.defer(() => {
      this.scheduled = false;
      this.flush();
    }, wait);
  }

  private flush(): void {
    const events = this.waiting;
    this.waiting = [];
    if (events.length === 0) return;
    this.lastSentAt = this.options.now();
    for (let i = 0; i < events.length; i += MAX_REACTIONS_PER_FRAME) {
      const chunk = events.slice(i, i + MAX_REACTIONS_PER_FRAME);
      const [only] = chunk;
      this.options.broadcast(
        chunk.length === 1 && only
          ? { type: "reaction", event: only }
          : { type: "reactions", events: chunk },
      );
    }
  }
}

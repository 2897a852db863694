import { MAX_BATCH, MAX_BATCH_BODY_CHARS, type RejectReason, type StoreResult } from "./protocol";

/** One message waiting to be stored, and the connections that wait for its outcome. */
export type QueuedMessage = {
  authorId: number;
  clientId: string;
  body: string;
  /** The message this one replies to (checked by Next.js when stored). */
  replyTo?: number;
  /** Connection ids to tell if the message is rejected (the sender, and any re-send's socket). */
  notify: Set<string>;
  enqueuedAt: number;
};

/** Thrown by a store function when the failure may pass (network, 5xx): the batch is retried. */
export class RetryableStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryableStoreError";
  }
}

export type SendQueueOptions = {
  /** Stores a batch; resolves with one result per message in batch order, throws RetryableStoreError to retry. */
  store: (batch: QueuedMessage[]) => Promise<StoreResult[]>;
  /** Called with the stored messages of a batch, in id order. */
  onStored: (results: Extract<StoreResult, { ok: true }>[], batch: QueuedMessage[]) => void;
  /** Called for each message that will not be stored. */
  onRejected: (message: QueuedMessage, reason: RejectReason, until?: string) => void;
  /** How long a message may wait for the database before it is rejected as unavailable. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const BACKOFF_MS = [100, 250, 500, 1_000, 2_000];

/**
 * The room's send queue. While one store call is in flight, new messages wait and go together
 * in the next call, so batching follows load and an idle room stores a lone message at once.
 */
export class SendQueue {
  private readonly waiting: QueuedMessage[] = [];
  private readonly byKey = new Map<string, QueuedMessage>();
  private draining = false;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SendQueueOptions) {
    this.maxWaitMs = options.maxWaitMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Messages queued or in flight. */
  get size(): number {
    return this.byKey.size;
  }

  /**
   * Queues a message. A re-send of a message already waiting (same author and clientId) joins
   * the first instead of being stored twice.
   */
  push(message: {
    authorId: number;
    clientId: string;
    body: string;
    replyTo?: number;
    connectionId: string;
  }): void {
    const key = `${message.authorId}:${message.clientId}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.notify.add(message.connectionId);
      return;
    }
    const queued: QueuedMessage = {
      authorId: message.authorId,
      clientId: message.clientId,
      body: message.body,
      ...(message.replyTo !== undefined && { replyTo: message.replyTo }),
      notify: new Set([message.connectionId]),
      enqueuedAt: this.now(),
    };
    this.byKey.set(key, queued);
    this.waiting.push(queued);
    void this.drain();
  }

  /** Resolves once nothing is queued or in flight (for tests and graceful shutdown). */
  async idle(): Promise<void> {
    while (this.draining || this.waiting.length > 0) await this.sleep(5);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      let batch = this.takeBatch();
      let outcome = this.storeWithRetry(batch);
      while (batch.length > 0) {
        const tell = await outcome;
        // The next call starts before this batch is told to the sockets, so the room fans out
        // while Next.js and MySQL work on the next batch. Calls still go one at a time, so ids
        // keep arrival order and every batch is told before the next one's outcome arrives.
        const next = this.takeBatch();
        if (next.length > 0) outcome = this.storeWithRetry(next);
        try {
          tell();
        } catch (error) {
          // A failure while telling sockets must not stop the queue: the next batch is in flight.
          console.error("send queue: telling sockets failed", error);
        }
        for (const m of batch) this.byKey.delete(`${m.authorId}:${m.clientId}`);
        batch = next;
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * The next batch from the front of the queue: up to MAX_BATCH messages and
   * MAX_BATCH_BODY_CHARS of body text, and always at least one message when any wait.
   */
  private takeBatch(): QueuedMessage[] {
    let count = 0;
    let chars = 0;
    for (const m of this.waiting) {
      if (count === MAX_BATCH || (count > 0 && chars + m.body.length > MAX_BATCH_BODY_CHARS)) break;
      count++;
      chars += m.body.length;
    }
    return this.waiting.splice(0, count);
  }

  /**
   * Stores a batch, retrying what may pass, and resolves with what to tell the sockets: the
   * stored messages and the refusals, or for a batch given up on, that it was not stored.
   */
  private async storeWithRetry(batch: QueuedMessage[]): Promise<() => void> {
    const oldest = Math.min(...batch.map((m) => m.enqueuedAt));
    for (let attempt = 0; ; attempt++) {
      try {
        const results = await this.options.store(batch);
        return () => this.settle(batch, results);
      } catch (error) {
        const waited = this.now() - oldest;
        const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 1_000;
        if (!(error instanceof RetryableStoreError) || waited + delay > this.maxWaitMs) {
          const reason: RejectReason =
            error instanceof RetryableStoreError ? "unavailable" : "invalid";
          return () => {
            for (const m of batch) this.options.onRejected(m, reason);
          };
        }
        await this.sleep(delay);
      }
    }
  }

  private settle(batch: QueuedMessage[], results: StoreResult[]): void {
    const stored: Extract<StoreResult, { ok: true }>[] = [];
    // Results come in request order; matching by position keeps two authors who (maliciously)
    // share a clientId apart.
    batch.forEach((m, i) => {
      const result = results[i];
      if (!result || result.clientId !== m.clientId) this.options.onRejected(m, "unavailable");
      else if (!result.ok) this.options.onRejected(m, result.reason, result.until);
      else stored.push(result);
    });
    stored.sort((a, b) => a.message.id - b.message.id);
    if (stored.length > 0) this.options.onStored(stored, batch);
  }
}

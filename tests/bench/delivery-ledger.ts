/**
 * What every client of one step received, kept in flat typed arrays so that recording a
 * delivery costs a few array writes (the generator shares two cores with the servers it
 * measures). Messages are named by (sender, sequence number), both carried in the body.
 */

/** Latencies in 0.1 ms buckets up to 60 s: exact enough percentiles without keeping samples. */
export class LatencyHistogram {
  private readonly buckets = new Uint32Array(600_001);
  count = 0;

  add(ms: number): void {
    const i = Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms * 10)));
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.count++;
  }

  /** The latency below which `p` (0-1) of the samples fall, in ms; NaN with no samples. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i] ?? 0;
      if (seen >= rank) return i / 10;
    }
    return (this.buckets.length - 1) / 10;
  }
}

export type LedgerSummary = {
  sent: number;
  /** Messages whose sender got its own message back. */
  acked: number;
  rejected: number;
  /** Message frames received by all clients (first copies only). */
  delivered: number;
  /** Of those, received before the send window closed. */
  deliveredInWindow: number;
  /** Messages that at least one client never received. */
  lost: number;
  /** (client, message) pairs missing: `lost` weighted by how many clients missed each. */
  missingDeliveries: number;
  /** Extra copies of a message a client had already received. */
  doubled: number;
  /** Deliveries that came after a later one: a smaller id, or an earlier message of the same sender. */
  reordered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

export class DeliveryLedger {
  readonly latency = new LatencyHistogram();
  private readonly got: Uint8Array;
  private readonly lastSeq: Int32Array;
  private readonly lastId: Float64Array;
  private readonly sentBy: Int32Array;
  private acked = 0;
  private rejected = 0;
  private delivered = 0;
  private deliveredInWindow = 0;
  private doubled = 0;
  private reordered = 0;
  private maxLatency = 0;

  /**
   * @param receivers every connected client; the first `senders` of them also send.
   * @param capacity most messages one sender can send in the step.
   */
  constructor(
    readonly receivers: number,
    readonly senders: number,
    readonly capacity: number,
  ) {
    this.got = new Uint8Array(receivers * senders * capacity);
    this.lastSeq = new Int32Array(receivers * senders).fill(-1);
    this.lastId = new Float64Array(receivers);
    this.sentBy = new Int32Array(senders);
  }

  get sent(): number {
    let total = 0;
    for (const n of this.sentBy) total += n;
    return total;
  }

  /** Numbers the next message of sender `s`; null once its capacity is used up. */
  nextSeq(s: number): number | null {
    const n = this.sentBy[s] ?? this.capacity;
    if (n >= this.capacity) return null;
    this.sentBy[s] = n + 1;
    return n;
  }

  rejection(): void {
    this.rejected++;
  }

  /** A `message` frame reached client `r`. Returns false when it names no message we sent. */
  receive(r: number, id: number, s: number, n: number, latencyMs: number, inWindow: boolean) {
    if (s < 0 || s >= this.senders || n < 0 || n >= (this.sentBy[s] ?? 0)) return false;
    const slot = (r * this.senders + s) * this.capacity + n;
    if (this.got[slot]) {
      this.doubled++;
      return true;
    }
    this.got[slot] = 1;
    this.delivered++;
    if (inWindow) this.deliveredInWindow++;
    if (r === s) this.acked++;
    const seqSlot = r * this.senders + s;
    if (n < (this.lastSeq[seqSlot] ?? -1) || id < (this.lastId[r] ?? 0)) this.reordered++;
    if (n > (this.lastSeq[seqSlot] ?? -1)) this.lastSeq[seqSlot] = n;
    if (id > (this.lastId[r] ?? 0)) this.lastId[r] = id;
    this.latency.add(latencyMs);
    if (latencyMs > this.maxLatency) this.maxLatency = latencyMs;
    return true;
  }

  /** True once every client holds every message that was not rejected. */
  complete(): boolean {
    return this.delivered + this.rejected * this.receivers >= this.sent * this.receivers;
  }

  summary(): LedgerSummary {
    let lost = 0;
    let missing = 0;
    for (let s = 0; s < this.senders; s++) {
      const sent = this.sentBy[s] ?? 0;
      for (let n = 0; n < sent; n++) {
        let misses = 0;
        for (let r = 0; r < this.receivers; r++) {
          if (!this.got[(r * this.senders + s) * this.capacity + n]) misses++;
        }
        if (misses > 0) lost++;
        missing += misses;
      }
    }
    return {
      sent: this.sent,
      acked: this.acked,
      rejected: this.rejected,
      delivered: this.delivered,
      deliveredInWindow: this.deliveredInWindow,
      lost,
      missingDeliveries: missing,
      doubled: this.doubled,
      reordered: this.reordered,
      p50: this.latency.percentile(0.5),
      p95: this.latency.percentile(0.95),
      p99: this.latency.percentile(0.99),
      max: this.maxLatency,
    };
  }
}

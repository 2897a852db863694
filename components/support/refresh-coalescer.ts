/**
 * Runs `refresh` at most once per `gapMs`: a call inside the gap is held and run once at its end,
 * however many calls came meanwhile. A burst of inbox events costs one reload now and at most
 * one more, never one per event.
 */
export class RefreshCoalescer {
  private lastRun = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly refresh: () => void,
    private readonly gapMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks for a reload: now when the last was long enough ago, else once at the gap's end. */
  request(): void {
    if (this.timer !== null) return;
    const wait = this.lastRun + this.gapMs - this.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, wait);
  }

  /** Drops a held reload (the component went away). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.lastRun = this.now();
    this.refresh();
  }
}

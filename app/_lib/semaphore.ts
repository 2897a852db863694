/** Thrown when a semaphore's queue is full: the caller should answer "busy", not wait. */
export class SemaphoreFullError extends Error {
  constructor() {
    super("Too many operations are waiting");
    this.name = "SemaphoreFullError";
  }
}

/**
 * Lets at most `limit` tasks run at once and at most `maxQueue` wait; beyond that `run` fails at
 * once, so a flood queues a bounded amount of work instead of making everyone wait behind it.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a positive integer");
  }

  /** How many tasks run now and how many wait (for tests and logs). */
  get stats(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free; rejects with SemaphoreFullError when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxQueue) throw new SemaphoreFullError();
      // The slot is handed over by release(), so `active` already counts this task.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** At most `limit` tasks at once; the rest wait in arrival order. */
export class Semaphore {
  running = 0;
  private queue: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Run `task` only if a slot is free now; null (and nothing run) when all are taken. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | null {
    if (this.running >= this.limit) return null;
    return this.run(task);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next(); // hand the slot straight to the next waiter
      else this.running--;
    }
  }
}

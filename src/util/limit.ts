/** At most `max` holders at once; the others wait their turn, first come first served. */
export class Limit {
  private active = 0;
  private waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  /** How many hold it now. */
  get held(): number {
    return this.active;
  }

  async acquire(): Promise<void> {
    while (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

/**
 * build-loop: when to build in watch and preview. A change starts a build at once (no quiet time
 * to wait out); changes arriving while a build runs are merged into one follow-up build, started as
 * soon as the running one ends. Never two builds at once. Work is named per week ('' for "the latest
 * week") as the audiences to build ('all' wins over names), with the files that changed.
 */
export interface BuildJob {
  /** The week to build; undefined for the latest week in the data folder. */
  week: string | undefined;
  /** The audiences to build; undefined for all. */
  audiences: string[] | undefined;
  /** The files whose change asked for this build (none for a first build). */
  files: string[];
  /** Whether more work for this week arrived while this job ran: its result is already out of date. */
  superseded(): boolean;
}

interface Pending { audiences: Set<string> | 'all'; files: string[] }

export class BuildLoop {
  private pending = new Map<string, Pending>();
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly run: (job: BuildJob) => Promise<void>) {}

  /** Ask for a build of `audiences` ('all', or names) of `week`; starts now unless a build runs. */
  add(week: string | undefined, audiences: readonly string[] | 'all', files: readonly string[] = []): void {
    if (this.closed) return;
    const key = week ?? '';
    const p = this.pending.get(key) ?? { audiences: new Set<string>(), files: [] };
    if (audiences === 'all' || p.audiences === 'all') p.audiences = 'all';
    else for (const a of audiences) p.audiences.add(a);
    for (const f of files) if (!p.files.includes(f)) p.files.push(f);
    this.pending.set(key, p);
    this.kick();
  }

  /** Whether a build runs or waits. */
  get busy(): boolean {
    return this.running !== undefined || this.pending.size > 0;
  }

  /** Settles when no build runs and none waits. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Take no more work; wait for the running build. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending.clear();
    await this.idle();
  }

  private kick(): void {
    if (this.running || this.closed) return;
    const next = this.pending.entries().next();
    if (next.done) return;
    const [key, p] = next.value;
    this.pending.delete(key);
    if (p.audiences !== 'all' && p.audiences.size === 0) return this.kick();
    const job: BuildJob = {
      week: key === '' ? undefined : key,
      audiences: p.audiences === 'all' ? undefined : [...p.audiences],
      files: p.files,
      superseded: () => this.pending.has(key),
    };
    this.running = this.run(job).catch(() => {}).finally(() => {
      this.running = undefined;
      this.kick();
    });
  }
}

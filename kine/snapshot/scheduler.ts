// Scheduled snapshots (`k8ts server --snapshot-schedule '0 */12 * * *' --snapshot-retention 5`), as k3s's
// etcd-snapshot-schedule-cron and etcd-snapshot-retention: at each matching minute one snapshot, then the
// oldest scheduled ones beyond the retention are deleted. A failed snapshot is logged and the next one
// still runs. Snapshots never pause the API (take.ts).
import { nextRun, parseCron, type CronSchedule } from './cron.js';

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SnapshotSchedulerOptions {
  /** 5-field cron expression; parsed at construction (CronSyntaxError when bad). */
  schedule: string;
  /** Take one snapshot; resolves with its file name. */
  take: () => Promise<string>;
  /** Delete scheduled snapshots beyond the retention; returns the names deleted. */
  prune: () => string[];
  log?: SchedulerLog;
  now?: () => Date;
  setTimer?: (fn: () => void, ms: number) => { unref?(): void };
  clearTimer?: (t: unknown) => void;
}

export class SnapshotScheduler {
  private readonly cron: CronSchedule;
  private timer: unknown;
  private stopped = true;
  /** The run in progress, if any (stop() waits for it). */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly o: SnapshotSchedulerOptions) {
    this.cron = parseCron(o.schedule);
  }

  /** The next time a snapshot is due. */
  next(): Date | undefined {
    return nextRun(this.cron, this.now());
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    (this.o.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout)))(this.timer);
    await this.running;
  }

  /** One scheduled run now: snapshot, then prune. Never throws. */
  async runOnce(): Promise<void> {
    try {
      const name = await this.o.take();
      const pruned = this.o.prune();
      this.o.log?.info({ snapshot: name, pruned }, 'scheduled snapshot saved');
    } catch (err) {
      this.o.log?.error({ err: (err as Error).message }, 'scheduled snapshot failed');
    }
  }

  private arm(): void {
    if (this.stopped) return;
    const at = this.next();
    if (!at) return;
    // Timers longer than 2^31-1 ms overflow: wake up earlier and look again.
    const ms = Math.min(Math.max(0, at.getTime() - this.now().getTime()), 2 ** 31 - 1);
    const timer = (this.o.setTimer ?? setTimeout)(() => {
      if (this.now().getTime() < at.getTime()) return this.arm();
      this.running = this.runOnce().then(() => this.arm());
    }, ms);
    timer.unref?.();
    this.timer = timer;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }
}

// Periodic compaction of the store, as kube-apiserver does it (--etcd-compaction-interval, 5 min):
// each tick compacts to the revision the previous tick saw, so watchers always have at least one
// interval of history to resume from, and the store does not grow without end.
import type { Backend } from '../../kine/backend.js';
import { CompactedError } from '../../kine/errors.js';

export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;

export class Compactor {
  private last = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly backend: Backend) {}

  start(intervalMs = COMPACTION_INTERVAL_MS): void {
    this.timer = setInterval(() => void this.tick().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Compact to what the previous tick saw; remember the current revision for the next one. */
  async tick(): Promise<number | undefined> {
    const current = await this.backend.currentRevision();
    const target = this.last;
    this.last = current;
    if (target <= 0) return undefined;
    try {
      await this.backend.compact(target);
      return target;
    } catch (err) {
      if (err instanceof CompactedError) return undefined; // another server already compacted past it
      throw err;
    }
  }
}

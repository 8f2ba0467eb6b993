// A controller's own writes that its informer cache does not show yet (what upstream's expectations
// track): a reconcile that would act on a cache older than its last creates and deletes waits for the
// informer instead, so that it never creates twice what it just created nor deletes twice. Entries
// older than five minutes (upstream's ExpectationsTimeout) are given up on.
import type { Clock } from '../../client/clock.js';

export const PENDING_TIMEOUT_MS = 5 * 60 * 1000;

interface Pending {
  /** The object's key in its informer (`namespace/name`). */
  key: string;
  /** 'present': we created it; 'gone': we deleted it (gone or terminating satisfies it). */
  expect: 'present' | 'gone';
  at: number;
}

export type CacheLookup = (key: string) => { metadata?: { deletionTimestamp?: string } } | undefined;

export class PendingWrites {
  private readonly byOwner = new Map<string, Pending[]>();

  constructor(private readonly clock: Clock) {}

  created(owner: string, key: string): void {
    this.add(owner, { key, expect: 'present', at: this.clock.now() });
  }

  deleted(owner: string, key: string): void {
    this.add(owner, { key, expect: 'gone', at: this.clock.now() });
  }

  /** True when the cache shows every write recorded for `owner` (those are then forgotten). */
  observed(owner: string, lookup: CacheLookup): boolean {
    const list = this.byOwner.get(owner);
    if (!list) return true;
    const now = this.clock.now();
    const left = list.filter((p) => {
      if (now - p.at > PENDING_TIMEOUT_MS) return false;
      const obj = lookup(p.key);
      return p.expect === 'present' ? obj === undefined : obj !== undefined && !obj.metadata?.deletionTimestamp;
    });
    if (left.length === 0) this.byOwner.delete(owner);
    else this.byOwner.set(owner, left);
    return left.length === 0;
  }

  forget(owner: string): void {
    this.byOwner.delete(owner);
  }

  private add(owner: string, p: Pending): void {
    const list = this.byOwner.get(owner) ?? [];
    list.push(p);
    this.byOwner.set(owner, list);
  }
}

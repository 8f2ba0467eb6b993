// A controller's own writes that its informer cache has not shown yet (the job of upstream's
// expectations and endpointSliceTracker): a sync that would read a cache older than its last writes
// waits instead, so that it never creates twice what it just created.

interface Written {
  name: string;
  /** The resourceVersion our write produced; undefined for a deletion. */
  resourceVersion?: string;
}

export class WriteTracker {
  private readonly pending = new Map<string, Written[]>();

  /** Remember writes made for `key` (an owner's key). */
  record(key: string, writes: Written[]): void {
    if (writes.length === 0) return;
    this.pending.set(key, [...(this.pending.get(key) ?? []), ...writes]);
  }

  /** True when the cache (read through `current`) shows every write recorded for `key`; forgets them then. */
  caughtUp(key: string, current: (name: string) => { metadata?: { resourceVersion?: string } } | undefined): boolean {
    const writes = this.pending.get(key);
    if (!writes) return true;
    const left = writes.filter((w) => {
      const obj = current(w.name);
      if (w.resourceVersion === undefined) return obj !== undefined;
      const have = obj?.metadata?.resourceVersion;
      if (have === undefined) return true;
      return have !== w.resourceVersion && !(isNumber(have) && isNumber(w.resourceVersion) && BigInt(have) > BigInt(w.resourceVersion));
    });
    if (left.length === 0) this.pending.delete(key);
    else this.pending.set(key, left);
    return left.length === 0;
  }

  forget(key: string): void {
    this.pending.delete(key);
  }
}

const isNumber = (s: string) => /^\d+$/.test(s);

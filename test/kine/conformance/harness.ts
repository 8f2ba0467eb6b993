// The conformance suite's plumbing: one fresh backend per subtest, a key namespace per subtest (so that
// several subtests can share one etcd), and a watch recorder that awaits events instead of sleeping.
import type tap from 'tap';
import type { Backend, KeyValue, WatchEvent, WatchOptions } from '../../../kine/backend.js';

export type Tap = Parameters<Extract<Parameters<typeof tap.test>[0], (...args: never[]) => unknown>>[0];

export interface BackendFixture {
  backend: Backend;
  cleanup(): Promise<void>;
  /**
   * Move the store's clock forward by `ms` and expire due leases. Stores with an injectable clock
   * provide it; without it, the lease-expiry subtest waits in real time.
   */
  advanceClock?(ms: number): Promise<void>;
}

export type MakeBackend = () => Promise<BackendFixture>;

export interface Ctx {
  b: Backend;
  fixture: BackendFixture;
  /** A key in this subtest's namespace. Namespaces increase, so keys of earlier subtests sort before. */
  k(suffix?: string | Buffer | number[]): Buffer;
}

let namespaces = 0;

export type Case = (name: string, fn: (t: Tap, ctx: Ctx) => Promise<void>) => void;

/** A `Case` registrar for one suite run: each case gets a new backend, closed when it ends. */
export function cases(t: Tap, make: MakeBackend): Case {
  return (name, fn) => {
    t.test(name, async (t) => {
      const fixture = await make();
      t.teardown(() => fixture.cleanup());
      const prefix = Buffer.from(`/conformance/${String(++namespaces).padStart(5, '0')}/`);
      const k = (s: string | Buffer | number[] = '') =>
        Buffer.concat([prefix, typeof s === 'string' ? Buffer.from(s) : Buffer.from(s)]);
      await fn(t, { b: fixture.backend, fixture, k });
    });
  };
}

export const buf = (s: string) => Buffer.from(s);

/** etcd's prefix range end: the prefix with its last byte incremented (clientv3.GetPrefixRangeEnd). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]!++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** Bytes that are not text: every byte value, in a pseudo-random order seeded by `seed`. */
export function binary(size: number, seed = 1): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 16;
  }
  return b;
}

export const strs = (kvs: KeyValue[]) => kvs.map((kv) => kv.key.toString());

export interface Recorder {
  events: WatchEvent[];
  /** The revision argument of every `events` call. */
  batchRevisions: number[];
  error?: Error;
  /** Resolve once at least `n` events arrived; fail after `ms`. */
  waitFor(n: number, ms?: number): Promise<WatchEvent[]>;
  waitError(ms?: number): Promise<Error>;
  cancel(): void;
}

/** Watch `key` and record what arrives. */
export function record(b: Backend, key: Buffer, options: WatchOptions = {}): Recorder {
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  const until = (done: () => boolean, what: string, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms waiting for ${what} (have ${r.events.length} events, error ${r.error})`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const r: Recorder = {
    events: [],
    batchRevisions: [],
    async waitFor(n, ms = 5000) {
      await until(() => r.events.length >= n || r.error !== undefined, `${n} events`, ms);
      if (r.error && r.events.length < n) throw r.error;
      return r.events;
    },
    async waitError(ms = 5000) {
      await until(() => r.error !== undefined, 'a watch error', ms);
      return r.error!;
    },
    cancel: () => watch.cancel(),
  };
  const watch = b.watch(key, options, {
    events(events, revision) {
      r.events.push(...events);
      r.batchRevisions.push(revision);
      notify();
    },
    error(err) {
      r.error = err;
      notify();
    },
  });
  return r;
}

/** A short summary of events for `t.same`: type, key suffix after the namespace, value, mod revision. */
export function summary(events: WatchEvent[], prefix: Buffer) {
  return events.map((e) => ({
    type: e.type,
    key: e.kv.key.subarray(prefix.length).toString(),
    value: e.kv.value.toString(),
    rev: e.kv.modRevision,
    prev: e.prevKv?.value.toString(),
  }));
}

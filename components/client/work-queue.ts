// The controllers' work queue, with client-go's workqueue semantics (Type + delaying + rate limiting):
// - a key queued twice is queued once (the dirty set);
// - a key being processed is not handed out again until done(key); added meanwhile, it is queued
//   again at done, so one key never runs twice at once and no change is lost;
// - addAfter(key, ms) queues it later (the earliest of several pending delays wins);
// - addRateLimited(key) waits the rate limiter's per-key delay (exponential by default: 5 ms doubling
//   per failure up to 1000 s, as client-go's ItemExponentialFailureRateLimiter in
//   DefaultControllerRateLimiter), and forget(key) resets that key's failures;
// - shutDown(): no more adds; get() hands out what is still queued, then resolves undefined.
import { realClock, type Clock, type TimerHandle } from './clock.js';

/** Per-key delays for retries (client-go's RateLimiter). */
export interface RateLimiter<K> {
  /** The delay before the next retry of `key`; counts one more failure. */
  when(key: K): number;
  forget(key: K): void;
  numRequeues(key: K): number;
}

/** base·2^failures ms, capped at max (client-go's ItemExponentialFailureRateLimiter). */
export class ExponentialRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();
  constructor(
    private readonly baseMs = 5,
    private readonly maxMs = 1_000_000,
  ) {}

  when(key: K): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.baseMs * 2 ** n, this.maxMs);
  }

  forget(key: K): void {
    this.failures.delete(key);
  }

  numRequeues(key: K): number {
    return this.failures.get(key) ?? 0;
  }
}

export interface WorkQueueOptions<K> {
  clock?: Clock;
  rateLimiter?: RateLimiter<K>;
}

export class WorkQueue<K = string> {
  private readonly queue: K[] = [];
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly waiting = new Map<K, { at: number; timer: TimerHandle }>();
  private readonly getters: Array<(key: K | undefined) => void> = [];
  private readonly clock: Clock;
  private readonly limiter: RateLimiter<K>;
  private shuttingDown = false;

  constructor(o: WorkQueueOptions<K> = {}) {
    this.clock = o.clock ?? realClock;
    this.limiter = o.rateLimiter ?? new ExponentialRateLimiter<K>();
  }

  /** Queue `key` unless it is already queued; if it is being processed, it is queued again at done(). */
  add(key: K): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /** Queue `key` after `ms` (at once when ms ≤ 0); a sooner pending delay for it is kept, a later one replaced. */
  addAfter(key: K, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const pending = this.waiting.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.clearTimeout(pending.timer);
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { at, timer });
  }

  /** Queue `key` after its rate-limited delay (one more failure counted). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.limiter.when(key));
  }

  /** The key succeeded: its failures no longer count (it stays queued if it is). */
  forget(key: K): void {
    this.limiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.limiter.numRequeues(key);
  }

  /**
   * The next key, marked as processing until done(key); waits while the queue is empty. Resolves
   * undefined once the queue is shut down and empty.
   */
  get(): Promise<K | undefined> {
    if (this.queue.length > 0) return Promise.resolve(this.take());
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Processing of `key` finished; if it was added meanwhile it is queued again now. */
  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.push(key);
  }

  /** Stop accepting keys, drop pending delays and wake every waiting get() (with undefined when nothing is queued). */
  shutDown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) this.clock.clearTimeout(timer);
    this.waiting.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Keys queued and not being processed (client-go's Len). */
  get length(): number {
    return this.queue.length;
  }

  private push(key: K): void {
    const getter = this.getters.shift();
    if (getter) {
      this.queue.push(key);
      getter(this.take());
    } else {
      this.queue.push(key);
    }
  }

  private take(): K {
    const key = this.queue.shift()!;
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }
}

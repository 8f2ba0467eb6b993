// kube-scheduler's scheduling queue: an active queue ordered by priority then arrival (PrioritySort), a
// backoff queue (1 s doubling to 10 s per failed attempt), and the unschedulable pods, which move back
// on a cluster event that may help (a node added or changed, a pod deleted) or after 5 minutes. Keys
// are `namespace/name`; the queue holds keys and the data it orders by, never a stale pod: callers read
// the current pod from their informer when they pop. Pure bookkeeping with an injected clock; the
// scheduler calls `flush()` on a timer.

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;

export interface QueuedPodInfo {
  key: string;
  priority: number;
  /** When it first entered the queue (ties broken by it). */
  timestamp: number;
  /** Failed scheduling attempts so far. */
  attempts: number;
  /** When the last attempt failed: its backoff counts from then. */
  failedAt?: number;
}

export class SchedulingQueue {
  private readonly active = new Map<string, QueuedPodInfo>();
  private readonly backoff = new Map<string, QueuedPodInfo & { until: number }>();
  private readonly unschedulable = new Map<string, QueuedPodInfo & { since: number }>();
  private readonly inFlight = new Set<string>();
  private waiters: Array<(info: QueuedPodInfo | undefined) => void> = [];
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** A new or updated pending pod; one already queued keeps its place and attempts. */
  add(key: string, priority: number): void {
    if (this.inFlight.has(key) || this.active.has(key) || this.backoff.has(key)) return;
    const parked = this.unschedulable.get(key);
    if (parked) return;
    this.push({ key, priority, timestamp: this.now(), attempts: 0 });
  }

  /** An updated pod that was parked as unschedulable: its change may help (upstream: isPodUpdated). */
  update(key: string, priority: number): void {
    const parked = this.unschedulable.get(key);
    if (!parked) return this.add(key, priority);
    this.unschedulable.delete(key);
    this.requeue({ ...parked, priority });
  }

  /** The pod is gone or bound elsewhere. */
  delete(key: string): void {
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
  }

  /** The next pod to schedule (highest priority, then oldest); waits while none is active. */
  pop(): Promise<QueuedPodInfo | undefined> {
    const next = this.take();
    if (next || this.closed) return Promise.resolve(next);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Scheduling failed: park it as unschedulable (`backoff: false`) or retry after its backoff. */
  failed(info: QueuedPodInfo, unschedulable: boolean): void {
    this.inFlight.delete(info.key);
    const attempted = { ...info, attempts: info.attempts + 1, failedAt: this.now() };
    if (unschedulable) this.unschedulable.set(info.key, { ...attempted, since: this.now() });
    else this.requeue(attempted);
  }

  /** Scheduling (binding) succeeded or the pod no longer needs it. */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /** A cluster event that may make parked pods schedulable: all of them go back (through backoff). */
  moveAllToActiveOrBackoff(): void {
    for (const [key, info] of this.unschedulable) {
      this.unschedulable.delete(key);
      this.requeue(info);
    }
  }

  /** Backed-off pods whose time came, and pods parked too long, go back to the active queue. */
  flush(): void {
    const now = this.now();
    for (const [key, info] of this.backoff) {
      if (info.until <= now) {
        this.backoff.delete(key);
        this.push(info);
      }
    }
    for (const [key, info] of this.unschedulable) {
      if (now - info.since >= MAX_UNSCHEDULABLE_MS) {
        this.unschedulable.delete(key);
        this.requeue(info);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** Counts per queue, for logs and tests. */
  sizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size };
  }

  /** upstream's backoff: 1 s · 2^(attempts-1), at most 10 s. */
  static backoffMs(attempts: number): number {
    if (attempts <= 0) return 0;
    return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (attempts - 1));
  }

  private requeue(info: QueuedPodInfo): void {
    const until = info.attempts > 0 ? (info.failedAt ?? this.now()) + SchedulingQueue.backoffMs(info.attempts) : 0;
    if (until > this.now()) this.backoff.set(info.key, { ...info, until });
    else this.push(info);
  }

  private push(info: QueuedPodInfo): void {
    const plain: QueuedPodInfo = { key: info.key, priority: info.priority, timestamp: info.timestamp, attempts: info.attempts };
    if (info.failedAt !== undefined) plain.failedAt = info.failedAt;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.inFlight.add(plain.key);
      waiter(plain);
    } else this.active.set(plain.key, plain);
  }

  private take(): QueuedPodInfo | undefined {
    let best: QueuedPodInfo | undefined;
    for (const info of this.active.values()) {
      if (!best || info.priority > best.priority || (info.priority === best.priority && info.timestamp < best.timestamp)) best = info;
    }
    if (best) {
      this.active.delete(best.key);
      this.inFlight.add(best.key);
    }
    return best;
  }
}

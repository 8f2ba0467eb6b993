// Lease-based leader election as client-go's leaderelection with a LeaseLock, so that several k8ts
// servers sharing a datastore run one scheduler and one controller manager between them:
// - candidates try to acquire a coordination.k8s.io/v1 Lease (kube-system by default) every retry
//   period (2 s, jittered by up to 1.2×, as wait.JitterUntil);
// - a Lease held by another is free once its holder has not renewed it for leaseDurationSeconds
//   (15 s) as measured on *our* clock from when we last saw the record change (client-go's
//   observedTime: clocks of different machines are never compared);
// - the leader renews every retry period; if no renewal succeeds within the renew deadline (10 s) it
//   stops leading (its signal aborts, onStoppedLeading runs);
// - on stop (the run signal aborts) the leader releases the Lease (empty holder, 1 s duration) so
//   another takes over at once; taking a Lease from another holder increments leaseTransitions;
// - every write carries the read resourceVersion: two candidates never both win.
import type { Client, KubeObject, ResourceClient } from './client.js';
import { realClock, sleep, type Clock } from './clock.js';
import { silentLogger, type ClientLogger } from './logger.js';
import { leases } from './resource-types.js';
import { isNotFound } from './transport.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderCallbacks {
  /** We lead until `signal` aborts; may be long-running (its promise is not awaited). */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** We stopped leading (lost the Lease or were stopped). */
  onStoppedLeading?(): void;
  /** The Lease names a new holder (us included). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectorOptions {
  client: Client;
  /** The Lease's name, e.g. `kube-scheduler`. */
  name: string;
  namespace?: string;
  /** This candidate, unique among them (upstream: hostname plus a random suffix). */
  identity: string;
  callbacks: LeaderCallbacks;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Release the Lease when the run signal aborts (default true, as ReleaseOnCancel). */
  releaseOnCancel?: boolean;
  jitterFactor?: number;
  random?: () => number;
  clock?: Clock;
  log?: ClientLogger;
}

/**
 * The record to write for `identity` given the current Lease spec, or undefined when another holds
 * it (its lease has not expired since `observedAt` on our clock). Pure; mirrors tryAcquireOrRenew.
 */
export function nextLeaseSpec(
  current: LeaseSpec | undefined,
  o: { identity: string; now: number; observedAt: number; leaseDurationMs: number },
): LeaseSpec | undefined {
  const now = microTime(o.now);
  const seconds = Math.round(o.leaseDurationMs / 1000);
  if (!current) return { holderIdentity: o.identity, leaseDurationSeconds: seconds, acquireTime: now, renewTime: now, leaseTransitions: 0 };
  const holder = current.holderIdentity ?? '';
  const heldDurationMs = (current.leaseDurationSeconds ?? seconds) * 1000;
  if (holder && holder !== o.identity && o.observedAt + heldDurationMs > o.now) return undefined;
  const ours = holder === o.identity;
  return {
    holderIdentity: o.identity,
    leaseDurationSeconds: seconds,
    acquireTime: ours ? (current.acquireTime ?? now) : now,
    renewTime: now,
    leaseTransitions: ours ? (current.leaseTransitions ?? 0) : (current.leaseTransitions ?? 0) + 1,
  };
}

export class LeaderElector {
  private readonly leases: ResourceClient<Lease>;
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private readonly namespace: string;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observed?: { raw: string; spec: LeaseSpec; at: number; resourceVersion?: string };
  private reportedLeader = '';
  private leading = false;

  constructor(private readonly o: LeaderElectorOptions) {
    this.leases = o.client.resource<Lease>(leases);
    this.clock = o.clock ?? realClock;
    this.log = o.log ?? silentLogger;
    this.namespace = o.namespace ?? 'kube-system';
    this.leaseDurationMs = o.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = o.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = o.retryPeriodMs ?? 2_000;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The holder last seen on the Lease ('' when none). */
  leader(): string {
    return this.observed?.spec.holderIdentity ?? '';
  }

  /**
   * Campaign, lead, and return when leadership ends: when `signal` aborts (releasing the Lease) or
   * when renewal fails for the renew deadline. Call again to campaign again.
   */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !(await this.tryAcquireOrRenew(signal))) await sleep(this.clock, this.jittered(), signal);
    if (signal.aborted) return;
    const leading = new AbortController();
    const stop = () => leading.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.leading = true;
    this.log.info({ lease: this.o.name, identity: this.o.identity }, 'became leader');
    Promise.resolve()
      .then(() => this.o.callbacks.onStartedLeading(leading.signal))
      .catch((err) => this.log.warn({ err }, 'onStartedLeading failed'));
    let lastRenew = this.clock.now();
    while (!signal.aborted) {
      await sleep(this.clock, this.retryPeriodMs, signal);
      if (signal.aborted) break;
      if (await this.tryAcquireOrRenew(signal)) lastRenew = this.clock.now();
      else if (this.clock.now() - lastRenew >= this.renewDeadlineMs) {
        this.log.info({ lease: this.o.name, identity: this.o.identity }, 'failed to renew the lease: stopped leading');
        break;
      }
    }
    signal.removeEventListener('abort', stop);
    leading.abort();
    if (signal.aborted && (this.o.releaseOnCancel ?? true)) await this.release();
    this.leading = false;
    this.o.callbacks.onStoppedLeading?.();
  }

  /** One attempt: read the Lease, and write our record if it is free or ours. True when we hold it. */
  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const deadline = new AbortController();
    const handle = this.clock.setTimeout(() => deadline.abort(), this.renewDeadlineMs);
    const attempt = AbortSignal.any([signal, deadline.signal]);
    try {
      let lease: Lease | undefined;
      try {
        lease = await this.leases.get(this.o.name, { namespace: this.namespace, signal: attempt });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      if (lease) this.observe(lease);
      const spec = nextLeaseSpec(lease?.spec, {
        identity: this.o.identity,
        now: this.clock.now(),
        observedAt: this.observed?.at ?? this.clock.now(),
        leaseDurationMs: this.leaseDurationMs,
      });
      if (!spec) return false;
      const written = lease
        ? await this.leases.update({ ...lease, spec }, { namespace: this.namespace, signal: attempt })
        : await this.leases.create({ metadata: { name: this.o.name, namespace: this.namespace }, spec }, { namespace: this.namespace, signal: attempt });
      this.observe(written);
      return true;
    } catch (err) {
      // lost a race (409), timed out or the server is away: not leading this round
      this.log.debug({ err, lease: this.o.name }, 'could not acquire or renew the lease');
      return false;
    } finally {
      this.clock.clearTimeout(handle);
    }
  }

  /** Give the Lease up, keeping leaseTransitions (client-go's release). */
  private async release(): Promise<void> {
    const current = this.observed;
    if (!current || current.spec.holderIdentity !== this.o.identity) return;
    const now = microTime(this.clock.now());
    const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: current.spec.leaseTransitions ?? 0 };
    try {
      const metadata = { name: this.o.name, namespace: this.namespace, resourceVersion: current.resourceVersion };
      this.observe(await this.leases.update({ metadata, spec }, { namespace: this.namespace }));
    } catch (err) {
      this.log.warn({ err, lease: this.o.name }, 'could not release the lease');
    }
  }

  /** Note a (possibly new) record, when we first saw it, and report a new holder. */
  private observe(lease: Lease): void {
    const spec = lease.spec ?? {};
    const raw = JSON.stringify(spec);
    if (this.observed?.raw !== raw) this.observed = { raw, spec, at: this.clock.now(), resourceVersion: lease.metadata?.resourceVersion };
    else this.observed.resourceVersion = lease.metadata?.resourceVersion;
    const holder = spec.holderIdentity ?? '';
    if (holder && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      try {
        this.o.callbacks.onNewLeader?.(holder);
      } catch (err) {
        this.log.warn({ err }, 'onNewLeader failed');
      }
    }
  }

  private jittered(): number {
    return this.retryPeriodMs * (1 + (this.o.random ?? Math.random)() * (this.o.jitterFactor ?? 1.2));
  }
}

/** metav1.MicroTime on the wire: RFC 3339 with microseconds. */
export const microTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, millis: string) => `.${millis}000Z`);

// Leases: a TTL that keys can be attached to. When a lease expires or is revoked, every key still attached
// to it is deleted (each delete a revision with its event) and the lease is forgotten.
//
// Leases are stored (kine_lease) so that they survive a restart; as in etcd, a restart gives every lease
// its full TTL again. Keep-alives renew the deadline in memory only.
import { randomBytes } from 'node:crypto';
import type { LeaseInfo } from './backend.js';
import { InvalidArgumentError, LeaseExistsError, LeaseNotFoundError } from './errors.js';
import type { RevisionLog } from './log.js';
import { MAX_LEASE_ID } from './ops/write.js';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** etcd's minimum lease TTL with its default timing (1.5 election timeouts, rounded up): 2 s. */
const MIN_TTL = 2;
const MAX_TTL = 9_000_000_000;

export class LeaseTable {
  private readonly deadlines = new Map<bigint, { ttl: number; deadline: number }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly log: RevisionLog,
    private readonly clock: Clock = systemClock,
  ) {
    for (const l of log.dialect.leases()) {
      this.deadlines.set(BigInt(l.id), { ttl: l.ttl, deadline: clock.now() + l.ttl * 1000 });
    }
  }

  /** Check for expired leases every `intervalMs` until stopped. */
  start(intervalMs = 250): void {
    this.timer = setInterval(() => void this.expire().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async grant(ttl: number, id = 0n): Promise<{ id: bigint; ttl: number }> {
    if (id < 0n || id > MAX_LEASE_ID) throw new InvalidArgumentError(`kine: lease id must be between 1 and ${MAX_LEASE_ID}`);
    if (ttl > MAX_TTL) throw new InvalidArgumentError('etcdserver: too large lease TTL');
    const effective = Math.max(ttl, MIN_TTL);
    const leaseId = id !== 0n ? id : this.newId();
    return this.log.write((tx) => {
      if (tx.dialect.leaseTtl(Number(leaseId)) !== undefined) throw new LeaseExistsError();
      tx.dialect.insertLease(Number(leaseId), effective);
      tx.afterCommit.push(() =>
        this.deadlines.set(leaseId, { ttl: effective, deadline: this.clock.now() + effective * 1000 }),
      );
      return { id: leaseId, ttl: effective };
    });
  }

  revoke(id: bigint): Promise<void> {
    return this.log.write((tx) => {
      if (id <= 0n || id > MAX_LEASE_ID || tx.dialect.leaseTtl(Number(id)) === undefined) throw new LeaseNotFoundError();
      for (const row of tx.dialect.liveKeysOfLease(Number(id))) tx.append(row.name, row, { deleted: true });
      tx.dialect.deleteLease(Number(id));
      tx.afterCommit.push(() => this.deadlines.delete(id));
    });
  }

  keepAlive(id: bigint): number {
    const l = this.deadlines.get(id);
    if (!l) throw new LeaseNotFoundError();
    l.deadline = this.clock.now() + l.ttl * 1000;
    return l.ttl;
  }

  timeToLive(id: bigint, withKeys = false): LeaseInfo {
    const l = this.deadlines.get(id);
    if (!l) return { id, ttl: 0, remaining: -1 };
    const remaining = Math.max(0, Math.ceil((l.deadline - this.clock.now()) / 1000));
    const info: LeaseInfo = { id, ttl: l.ttl, remaining };
    if (withKeys) info.keys = this.log.dialect.liveKeysOfLease(Number(id)).map((r) => r.name);
    return info;
  }

  ids(): bigint[] {
    return [...this.deadlines.keys()];
  }

  /** Revoke every lease past its deadline. Called by the timer; tests call it with a fake clock. */
  async expire(): Promise<void> {
    const now = this.clock.now();
    const due = [...this.deadlines].filter(([, l]) => l.deadline <= now).map(([id]) => id);
    await Promise.all(
      due.map((id) =>
        this.revoke(id).catch((err) => {
          if (!(err instanceof LeaseNotFoundError)) throw err;
        }),
      ),
    );
  }

  private newId(): bigint {
    for (;;) {
      const id = randomBytes(8).readBigUInt64BE() & MAX_LEASE_ID;
      if (id !== 0n && !this.deadlines.has(id)) return id;
    }
  }
}

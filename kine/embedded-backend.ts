// The embedded Backend: the SQLite revision log in this process, no network in between.
import type {
  Backend,
  CasResult,
  DeleteRangeResult,
  LeaseInfo,
  PutOptions,
  PutResult,
  RangeOptions,
  RangeResult,
  RequestOp,
  StoreStatus,
  TxnRequest,
  TxnResponse,
  Watch,
  WatchListener,
  WatchOptions,
} from './backend.js';
import { SqliteDialect } from './dialect/sqlite.js';
import { RequestTooLargeError } from './errors.js';
import { type Clock, LeaseTable, systemClock } from './leases.js';
import { RevisionLog } from './log.js';
import { compact } from './ops/compact.js';
import { range } from './ops/range.js';
import { txn } from './ops/txn.js';
import { create, del, deleteRange, put, update } from './ops/write.js';
import { WatchHub } from './watch-hub.js';

/** etcd's default --max-request-bytes (1.5 MiB). */
export const DEFAULT_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

export interface EmbeddedOptions {
  /** Database file, or `:memory:`. */
  path: string;
  /** fsync each group commit (default true). */
  fsync?: boolean;
  maxRequestBytes?: number;
  clock?: Clock;
  /** How often expired leases are looked for, in ms (0 = never; tests call expireLeases). */
  leaseCheckIntervalMs?: number;
}

export class EmbeddedBackend implements Backend {
  readonly log: RevisionLog;
  private readonly hub: WatchHub;
  private readonly leases: LeaseTable;
  private readonly maxRequestBytes: number;
  private compacting: Promise<void> = Promise.resolve();

  constructor(options: EmbeddedOptions) {
    this.log = new RevisionLog(new SqliteDialect({ path: options.path, fsync: options.fsync }));
    this.hub = new WatchHub(this.log);
    this.leases = new LeaseTable(this.log, options.clock ?? systemClock);
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    const interval = options.leaseCheckIntervalMs ?? 250;
    if (interval > 0) this.leases.start(interval);
  }

  async currentRevision(): Promise<number> {
    return this.log.revision;
  }

  async range(key: Buffer, options?: RangeOptions): Promise<RangeResult> {
    return range(this.log, key, options);
  }

  async create(key: Buffer, value: Buffer, options: { lease?: bigint } = {}): Promise<CasResult> {
    this.checkSize(key.length + value.length);
    return this.log.write((tx) => create(tx, key, value, options.lease));
  }

  async update(key: Buffer, value: Buffer, modRevision: number, options: { lease?: bigint } = {}): Promise<CasResult> {
    this.checkSize(key.length + value.length);
    return this.log.write((tx) => update(tx, key, value, modRevision, options.lease));
  }

  async delete(key: Buffer, modRevision: number): Promise<CasResult> {
    return this.log.write((tx) => del(tx, key, modRevision));
  }

  async put(key: Buffer, value: Buffer, options?: PutOptions): Promise<PutResult> {
    this.checkSize(key.length + value.length);
    return this.log.write((tx) => put(tx, key, value, options));
  }

  async deleteRange(key: Buffer, options?: { rangeEnd?: Buffer; prevKv?: boolean }): Promise<DeleteRangeResult> {
    return this.log.write((tx) => deleteRange(tx, key, options));
  }

  async txn(request: TxnRequest): Promise<TxnResponse> {
    this.checkSize(txnSize(request));
    return this.log.write((tx) => txn(tx, request));
  }

  compact(revision: number): Promise<void> {
    const run = this.compacting.then(() => compact(this.log, revision));
    this.compacting = run.catch(() => undefined);
    return run;
  }

  watch(key: Buffer, options: WatchOptions, listener: WatchListener): Watch {
    return this.hub.watch(key, options, listener);
  }

  async leaseGrant(ttl: number, id?: bigint): Promise<{ id: bigint; ttl: number }> {
    return this.leases.grant(ttl, id);
  }

  async leaseRevoke(id: bigint): Promise<void> {
    return this.leases.revoke(id);
  }

  async leaseKeepAlive(id: bigint): Promise<number> {
    return this.leases.keepAlive(id);
  }

  async leaseTimeToLive(id: bigint, options?: { keys?: boolean }): Promise<LeaseInfo> {
    return this.leases.timeToLive(id, options?.keys);
  }

  async leaseLeases(): Promise<bigint[]> {
    return this.leases.ids();
  }

  /** Revoke expired leases now (the timer does this on its own). */
  expireLeases(): Promise<void> {
    return this.leases.expire();
  }

  async status(): Promise<StoreStatus> {
    return { revision: this.log.revision, compactRevision: this.log.compactRevision, ...this.log.dialect.sizes() };
  }

  async close(): Promise<void> {
    this.leases.stop();
    this.hub.close();
    await this.log.close();
  }

  private checkSize(size: number): void {
    if (size > this.maxRequestBytes) throw new RequestTooLargeError(size, this.maxRequestBytes);
  }
}

function txnSize(req: TxnRequest): number {
  const ops = (list: RequestOp[]): number =>
    list.reduce((n, op) => {
      if ('put' in op) return n + op.put.key.length + op.put.value.length;
      if ('txn' in op) return n + txnSize(op.txn);
      return n;
    }, 0);
  return ops(req.success) + ops(req.failure);
}

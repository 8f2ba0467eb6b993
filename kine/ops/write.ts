// KV Put and DeleteRange, and the compare-and-swap writes the apiserver makes (create, update, delete),
// each run inside a LogTx so that it commits with its batch.
import type { CasResult, DeleteRangeResult, PutOptions, PutResult } from '../backend.js';
import { InvalidArgumentError, KeyNotFoundError, LeaseNotFoundError } from '../errors.js';
import type { LogTx } from '../log.js';
import { rowToKv } from '../rows.js';
import { rangeBounds, requireKey } from './read-view.js';

/** Lease ids are stored as SQLite integers read back as JS numbers: keep them exact. */
export const MAX_LEASE_ID = BigInt(Number.MAX_SAFE_INTEGER);

export function checkLease(tx: LogTx, lease: bigint | undefined): void {
  if (!lease) return;
  if (lease < 0n || lease > MAX_LEASE_ID || tx.dialect.leaseTtl(Number(lease)) === undefined) {
    throw new LeaseNotFoundError();
  }
}

export function put(tx: LogTx, key: Buffer, value: Buffer, o: PutOptions = {}): PutResult {
  requireKey(key);
  const prev = tx.dialect.latest(key);
  const live = prev && !prev.deleted ? prev : undefined;
  if ((o.ignoreValue || o.ignoreLease) && !live) throw new KeyNotFoundError();
  if (o.ignoreValue && value.length > 0) throw new InvalidArgumentError('etcdserver: value is provided');
  if (o.ignoreLease && o.lease) throw new InvalidArgumentError('etcdserver: lease is provided');
  const lease = o.ignoreLease ? BigInt(live!.lease) : (o.lease ?? 0n);
  checkLease(tx, lease);
  const row = tx.append(key, prev, { value: o.ignoreValue ? (live!.value ?? Buffer.alloc(0)) : value, lease });
  return { revision: row.id, prevKv: o.prevKv && live ? rowToKv(live) : undefined };
}

export function deleteRange(tx: LogTx, key: Buffer, o: { rangeEnd?: Buffer; prevKv?: boolean } = {}): DeleteRangeResult {
  requireKey(key);
  const bounds = rangeBounds(o.rangeEnd);
  const victims = bounds.single
    ? [tx.dialect.latest(key)].filter((r) => r && !r.deleted)
    : tx.dialect.list({ start: key, end: bounds.end, revision: tx.revision });
  const prevKvs = [];
  for (const row of victims) {
    tx.append(row!.name, row!, { deleted: true });
    if (o.prevKv) prevKvs.push(rowToKv(row!));
  }
  return { revision: tx.revision, deleted: victims.length, prevKvs };
}

export function create(tx: LogTx, key: Buffer, value: Buffer, lease?: bigint): CasResult {
  requireKey(key);
  const prev = tx.dialect.latest(key);
  if (prev && !prev.deleted) return { succeeded: false, revision: tx.revision, kv: rowToKv(prev) };
  checkLease(tx, lease);
  const row = tx.append(key, prev, { value, lease });
  return { succeeded: true, revision: row.id, kv: rowToKv(row) };
}

export function update(tx: LogTx, key: Buffer, value: Buffer, modRevision: number, lease?: bigint): CasResult {
  requireKey(key);
  const prev = tx.dialect.latest(key);
  // etcd's If(ModRevision(k) == 0) holds for a missing key, so updating "revision 0" creates it.
  if (!prev || prev.deleted) return modRevision === 0 ? create(tx, key, value, lease) : { succeeded: false, revision: tx.revision };
  if (prev.id !== modRevision) return { succeeded: false, revision: tx.revision, kv: rowToKv(prev) };
  checkLease(tx, lease);
  const row = tx.append(key, prev, { value, lease });
  return { succeeded: true, revision: row.id, kv: rowToKv(row), prevKv: rowToKv(prev) };
}

export function del(tx: LogTx, key: Buffer, modRevision: number): CasResult {
  requireKey(key);
  const prev = tx.dialect.latest(key);
  if (!prev || prev.deleted) return { succeeded: false, revision: tx.revision };
  if (modRevision !== 0 && prev.id !== modRevision) return { succeeded: false, revision: tx.revision, kv: rowToKv(prev) };
  const row = tx.append(key, prev, { deleted: true });
  const kv = rowToKv(prev);
  return { succeeded: true, revision: row.id, kv, prevKv: kv };
}

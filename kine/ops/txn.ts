// KV Txn: compares evaluated against the transaction's view, then the chosen branch's operations, all in
// one SQLite savepoint. Unlike etcd, every write in a txn gets its own revision (one row per revision);
// they still commit atomically, and the response header carries the last one.
import type { Compare, KeyValue, RequestOp, ResponseOp, TxnRequest, TxnResponse } from '../backend.js';
import { InvalidArgumentError } from '../errors.js';
import type { LogTx } from '../log.js';
import { rowToKv } from '../rows.js';
import { range } from './range.js';
import { rangeBounds } from './read-view.js';
import { deleteRange, put } from './write.js';

export function txn(tx: LogTx, req: TxnRequest): TxnResponse {
  checkDuplicateWrites(req.success);
  checkDuplicateWrites(req.failure);
  const succeeded = req.compare.every((c) => evaluate(tx, c));
  const responses = (succeeded ? req.success : req.failure).map((op) => apply(tx, op));
  return { revision: tx.revision, succeeded, responses };
}

function apply(tx: LogTx, op: RequestOp): ResponseOp {
  if ('range' in op) return { range: range(tx, op.range.key, op.range) };
  if ('put' in op) return { put: put(tx, op.put.key, op.put.value, op.put) };
  if ('deleteRange' in op) return { deleteRange: deleteRange(tx, op.deleteRange.key, op.deleteRange) };
  return { txn: txn(tx, op.txn) };
}

/** etcd refuses a txn branch that writes one key twice. */
function checkDuplicateWrites(ops: RequestOp[]): void {
  const seen = new Set<string>();
  for (const op of ops) {
    if (!('put' in op)) continue;
    const k = op.put.key.toString('latin1');
    if (seen.has(k)) throw new InvalidArgumentError('etcdserver: duplicate key given in txn request');
    seen.add(k);
  }
}

/** mirrors etcd applyCompare: every key in the compare's range must satisfy it. */
function evaluate(tx: LogTx, c: Compare): boolean {
  const bounds = rangeBounds(c.rangeEnd);
  let kvs: KeyValue[];
  if (bounds.single) {
    const row = tx.dialect.latest(c.key);
    kvs = row && !row.deleted ? [rowToKv(row)] : [];
  } else {
    kvs = tx.dialect.list({ start: c.key, end: bounds.end, revision: tx.revision }).map((r) => rowToKv(r));
  }
  if (kvs.length === 0) {
    if (c.target === 'value') return false;
    return compareOne(c, { key: c.key, value: Buffer.alloc(0), createRevision: 0, modRevision: 0, version: 0, lease: 0n });
  }
  return kvs.every((kv) => compareOne(c, kv));
}

function compareOne(c: Compare, kv: KeyValue): boolean {
  let d: number;
  switch (c.target) {
    case 'value':
      d = Buffer.compare(kv.value, asBuffer(c.operand));
      break;
    case 'version':
      d = Math.sign(kv.version - Number(c.operand));
      break;
    case 'create':
      d = Math.sign(kv.createRevision - Number(c.operand));
      break;
    case 'mod':
      d = Math.sign(kv.modRevision - Number(c.operand));
      break;
    case 'lease': {
      const l = BigInt(c.operand as number | bigint);
      d = kv.lease === l ? 0 : kv.lease < l ? -1 : 1;
      break;
    }
  }
  switch (c.result) {
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
    case '>':
      return d > 0;
    case '<':
      return d < 0;
  }
}

function asBuffer(v: number | bigint | Buffer): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v));
}

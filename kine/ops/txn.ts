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
  checkIntervals(req.success);
  checkIntervals(req.failure);
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

/** A deleted span: [start, end), `end` undefined = no upper bound; a single key is [key, key]. */
interface Span {
  start: Buffer;
  end?: Buffer;
  single: boolean;
}

const duplicateKey = () => new InvalidArgumentError('etcdserver: duplicate key given in txn request');

/**
 * mirrors etcd v3rpc checkIntervals: a branch may not put one key twice, nor put a key that one of its
 * deletes covers (nested txns included; a key put in both branches of a nested txn is fine).
 * Returns the branch's puts (latin1 keys) and deleted spans for the enclosing level.
 */
function checkIntervals(ops: RequestOp[]): { puts: Set<string>; dels: Span[] } {
  const dels: Span[] = [];
  for (const op of ops) {
    if (!('deleteRange' in op)) continue;
    const b = rangeBounds(op.deleteRange.rangeEnd);
    dels.push({ start: op.deleteRange.key, end: b.single ? undefined : b.end, single: b.single });
  }
  const deleted = (k: Buffer) =>
    dels.some((d) => (d.single ? k.equals(d.start) : k.compare(d.start) >= 0 && (!d.end || k.compare(d.end) < 0)));
  const puts = new Set<string>();
  for (const op of ops) {
    if (!('txn' in op)) continue;
    const then = checkIntervals(op.txn.success);
    const otherwise = checkIntervals(op.txn.failure);
    for (const k of then.puts) {
      if (puts.has(k) || deleted(Buffer.from(k, 'latin1'))) throw duplicateKey();
      puts.add(k);
    }
    for (const k of otherwise.puts) {
      if ((puts.has(k) && !then.puts.has(k)) || deleted(Buffer.from(k, 'latin1'))) throw duplicateKey();
      puts.add(k);
    }
    dels.push(...then.dels, ...otherwise.dels);
  }
  for (const op of ops) {
    if (!('put' in op)) continue;
    const k = op.put.key.toString('latin1');
    if (puts.has(k) || deleted(op.put.key)) throw duplicateKey();
    puts.add(k);
  }
  return { puts, dels };
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

// etcd's wire messages as they come out of proto-loader (see proto.ts), and their mapping to the Backend
// types. Used in both directions: the server decodes requests and encodes responses, the etcd client the
// reverse.
import type {
  Compare,
  CompareResult,
  CompareTarget,
  DeleteRangeResult,
  KeyValue,
  PutResult,
  RangeOptions,
  RangeResult,
  RequestOp,
  ResponseOp,
  SortOrder,
  SortTarget,
  TxnRequest,
  TxnResponse,
  WatchEvent,
} from '../backend.js';
import { InvalidArgumentError } from '../errors.js';

type Int64 = string | number;

export interface WireKeyValue {
  key: Buffer;
  create_revision: Int64;
  mod_revision: Int64;
  version: Int64;
  value: Buffer;
  lease: Int64;
}

export interface WireRangeRequest {
  key: Buffer;
  range_end: Buffer;
  limit: Int64;
  revision: Int64;
  sort_order: number;
  sort_target: number;
  serializable: boolean;
  keys_only: boolean;
  count_only: boolean;
  min_mod_revision: Int64;
  max_mod_revision: Int64;
  min_create_revision: Int64;
  max_create_revision: Int64;
}

export interface WirePutRequest {
  key: Buffer;
  value: Buffer;
  lease: Int64;
  prev_kv: boolean;
  ignore_value: boolean;
  ignore_lease: boolean;
}

export interface WireDeleteRangeRequest {
  key: Buffer;
  range_end: Buffer;
  prev_kv: boolean;
}

export interface WireCompare {
  result: number;
  target: number;
  key: Buffer;
  target_union?: string;
  version?: Int64;
  create_revision?: Int64;
  mod_revision?: Int64;
  value?: Buffer;
  lease?: Int64;
  range_end: Buffer;
}

export interface WireRequestOp {
  request?: 'request_range' | 'request_put' | 'request_delete_range' | 'request_txn';
  request_range?: WireRangeRequest;
  request_put?: WirePutRequest;
  request_delete_range?: WireDeleteRangeRequest;
  request_txn?: WireTxnRequest;
}

export interface WireTxnRequest {
  compare: WireCompare[];
  success: WireRequestOp[];
  failure: WireRequestOp[];
}

export interface WireHeader {
  cluster_id: Int64;
  member_id: Int64;
  revision: Int64;
  raft_term: Int64;
}

export interface WireEvent {
  type: number;
  kv: WireKeyValue;
  prev_kv?: WireKeyValue | null;
}

export const num = (v: Int64 | undefined | null): number => (v === undefined || v === null ? 0 : Number(v));
const optBuf = (b: Buffer | undefined): Buffer | undefined => (b && b.length > 0 ? b : undefined);
/**
 * An outgoing range_end: left unset when empty. protobufjs writes a set-but-empty bytes field, which Go
 * decodes as a non-nil empty slice, and etcd's Range and Compare read that as "every key >= key".
 */
export const rangeEndToWire = optBuf;

export function kvFromWire(w: WireKeyValue): KeyValue {
  return {
    key: w.key,
    value: w.value ?? Buffer.alloc(0),
    createRevision: num(w.create_revision),
    modRevision: num(w.mod_revision),
    version: num(w.version),
    lease: BigInt(w.lease ?? 0),
  };
}

export function kvToWire(kv: KeyValue): WireKeyValue {
  return {
    key: kv.key,
    value: kv.value,
    create_revision: kv.createRevision,
    mod_revision: kv.modRevision,
    version: kv.version,
    lease: kv.lease.toString(),
  };
}

export function eventToWire(e: WatchEvent): WireEvent {
  return { type: e.type === 'put' ? 0 : 1, kv: kvToWire(e.kv), prev_kv: e.prevKv ? kvToWire(e.prevKv) : null };
}

export function eventFromWire(w: WireEvent): WatchEvent {
  const e: WatchEvent = { type: num(w.type) === 1 ? 'delete' : 'put', kv: kvFromWire(w.kv) };
  if (w.prev_kv) e.prevKv = kvFromWire(w.prev_kv);
  return e;
}

// etcd's enum numbers: RangeRequest.SortOrder, RangeRequest.SortTarget, Compare.CompareResult/CompareTarget.
const SORT_ORDERS: SortOrder[] = ['none', 'ascend', 'descend'];
const SORT_TARGETS: SortTarget[] = ['key', 'version', 'create', 'mod', 'value'];
const RESULTS: CompareResult[] = ['=', '>', '<', '!='];
const TARGETS: CompareTarget[] = ['version', 'create', 'mod', 'value', 'lease'];

export function rangeFromWire(w: WireRangeRequest): { key: Buffer } & RangeOptions {
  const sortOrder = SORT_ORDERS[num(w.sort_order)];
  const sortTarget = SORT_TARGETS[num(w.sort_target)];
  if (!sortOrder || !sortTarget) throw new InvalidArgumentError('etcdserver: invalid sort option');
  if (num(w.limit) < 0) throw new InvalidArgumentError('etcdserver: negative limit');
  return {
    key: w.key,
    rangeEnd: optBuf(w.range_end),
    limit: num(w.limit),
    revision: num(w.revision),
    keysOnly: w.keys_only,
    countOnly: w.count_only,
    sortOrder,
    sortTarget,
    minModRevision: num(w.min_mod_revision),
    maxModRevision: num(w.max_mod_revision),
    minCreateRevision: num(w.min_create_revision),
    maxCreateRevision: num(w.max_create_revision),
  };
}

export function rangeToWire(key: Buffer, o: RangeOptions = {}): Partial<WireRangeRequest> {
  return {
    key,
    range_end: rangeEndToWire(o.rangeEnd),
    limit: o.limit ?? 0,
    revision: o.revision ?? 0,
    sort_order: SORT_ORDERS.indexOf(o.sortOrder ?? 'none'),
    sort_target: SORT_TARGETS.indexOf(o.sortTarget ?? 'key'),
    keys_only: !!o.keysOnly,
    count_only: !!o.countOnly,
    min_mod_revision: o.minModRevision ?? 0,
    max_mod_revision: o.maxModRevision ?? 0,
    min_create_revision: o.minCreateRevision ?? 0,
    max_create_revision: o.maxCreateRevision ?? 0,
  };
}


export function compareFromWire(w: WireCompare): Compare {
  const result = RESULTS[num(w.result)];
  const target = TARGETS[num(w.target)];
  if (!result || !target) throw new InvalidArgumentError('etcdserver: invalid compare');
  const operand =
    target === 'value' ? (w.value ?? Buffer.alloc(0))
    : target === 'lease' ? BigInt(w.lease ?? 0)
    : num(target === 'version' ? w.version : target === 'create' ? w.create_revision : w.mod_revision);
  return { key: w.key, rangeEnd: optBuf(w.range_end), target, result, operand };
}

export function compareToWire(c: Compare): Partial<WireCompare> {
  const result = RESULTS.indexOf(c.result);
  const target = TARGETS.indexOf(c.target);
  const field = { version: 'version', create: 'create_revision', mod: 'mod_revision', value: 'value', lease: 'lease' }[c.target];
  const operand = Buffer.isBuffer(c.operand) ? c.operand : c.operand.toString();
  return { result, target, key: c.key, range_end: rangeEndToWire(c.rangeEnd), [field]: operand };
}

export function txnFromWire(w: WireTxnRequest): TxnRequest {
  return {
    compare: (w.compare ?? []).map(compareFromWire),
    success: (w.success ?? []).map(opFromWire),
    failure: (w.failure ?? []).map(opFromWire),
  };
}

function opFromWire(w: WireRequestOp): RequestOp {
  if (w.request_range) return { range: rangeFromWire(w.request_range) };
  if (w.request_put) {
    const p = w.request_put;
    return { put: { key: p.key, value: p.value, lease: BigInt(p.lease ?? 0), prevKv: p.prev_kv, ignoreValue: p.ignore_value, ignoreLease: p.ignore_lease } };
  }
  if (w.request_delete_range) {
    const d = w.request_delete_range;
    return { deleteRange: { key: d.key, rangeEnd: optBuf(d.range_end), prevKv: d.prev_kv } };
  }
  if (w.request_txn) return { txn: txnFromWire(w.request_txn) };
  throw new InvalidArgumentError('etcdserver: empty request op in txn');
}

export function txnToWire(t: TxnRequest): WireTxnRequest {
  return {
    compare: t.compare.map(compareToWire) as WireCompare[],
    success: t.success.map(opToWire),
    failure: t.failure.map(opToWire),
  };
}

function opToWire(op: RequestOp): WireRequestOp {
  if ('range' in op) return { request_range: rangeToWire(op.range.key, op.range) as WireRangeRequest };
  if ('put' in op) {
    const p = op.put;
    return { request_put: { key: p.key, value: p.value, lease: (p.lease ?? 0n).toString(), prev_kv: !!p.prevKv, ignore_value: !!p.ignoreValue, ignore_lease: !!p.ignoreLease } };
  }
  if ('deleteRange' in op) {
    const d = op.deleteRange;
    const req = { key: d.key, range_end: rangeEndToWire(d.rangeEnd), prev_kv: !!d.prevKv };
    return { request_delete_range: req as WireDeleteRangeRequest };
  }
  return { request_txn: txnToWire(op.txn) };
}

/** Response messages, with `header` supplied by the caller (the server) or read back (the client). */
export function rangeResultToWire(r: RangeResult, header: WireHeader) {
  return { header: { ...header, revision: r.revision }, kvs: r.kvs.map(kvToWire), more: r.more, count: r.count };
}

export function putResultToWire(r: PutResult, header: WireHeader) {
  return { header: { ...header, revision: r.revision }, prev_kv: r.prevKv ? kvToWire(r.prevKv) : null };
}

export function deleteResultToWire(r: DeleteRangeResult, header: WireHeader) {
  return { header: { ...header, revision: r.revision }, deleted: r.deleted, prev_kvs: r.prevKvs.map(kvToWire) };
}

export function txnResponseToWire(r: TxnResponse, header: WireHeader): object {
  return {
    header: { ...header, revision: r.revision },
    succeeded: r.succeeded,
    responses: r.responses.map((op: ResponseOp) => {
      if ('range' in op) return { response_range: rangeResultToWire(op.range, header) };
      if ('put' in op) return { response_put: putResultToWire(op.put, header) };
      if ('deleteRange' in op) return { response_delete_range: deleteResultToWire(op.deleteRange, header) };
      return { response_txn: txnResponseToWire(op.txn, header) };
    }),
  };
}

interface WireRangeResponse { header: WireHeader; kvs: WireKeyValue[]; more: boolean; count: Int64 }
interface WirePutResponse { header: WireHeader; prev_kv?: WireKeyValue | null }
interface WireDeleteResponse { header: WireHeader; deleted: Int64; prev_kvs: WireKeyValue[] }
export interface WireTxnResponse {
  header: WireHeader;
  succeeded: boolean;
  responses: Array<{
    response?: string;
    response_range?: WireRangeResponse;
    response_put?: WirePutResponse;
    response_delete_range?: WireDeleteResponse;
    response_txn?: WireTxnResponse;
  }>;
}

export function rangeResultFromWire(w: WireRangeResponse): RangeResult {
  return { revision: num(w.header?.revision), kvs: (w.kvs ?? []).map(kvFromWire), more: !!w.more, count: num(w.count) };
}

export function putResultFromWire(w: WirePutResponse): PutResult {
  const r: PutResult = { revision: num(w.header?.revision) };
  if (w.prev_kv) r.prevKv = kvFromWire(w.prev_kv);
  return r;
}

export function deleteResultFromWire(w: WireDeleteResponse): DeleteRangeResult {
  return { revision: num(w.header?.revision), deleted: num(w.deleted), prevKvs: (w.prev_kvs ?? []).map(kvFromWire) };
}

export function txnResponseFromWire(w: WireTxnResponse): TxnResponse {
  return {
    revision: num(w.header?.revision),
    succeeded: w.succeeded,
    responses: (w.responses ?? []).map((r): ResponseOp => {
      if (r.response_range) return { range: rangeResultFromWire(r.response_range) };
      if (r.response_put) return { put: putResultFromWire(r.response_put) };
      if (r.response_delete_range) return { deleteRange: deleteResultFromWire(r.response_delete_range) };
      return { txn: txnResponseFromWire(r.response_txn!) };
    }),
  };
}

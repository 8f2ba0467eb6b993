// etcdserverpb.KV over a Backend: Range, Put, DeleteRange, Txn, Compact.
import type { Backend } from '../backend.js';
import { unary } from './errors.js';
import { header } from './header.js';
import {
  deleteResultToWire,
  num,
  putResultToWire,
  rangeFromWire,
  rangeResultToWire,
  txnFromWire,
  txnResponseToWire,
  type WireDeleteRangeRequest,
  type WirePutRequest,
  type WireRangeRequest,
  type WireTxnRequest,
} from './wire.js';

export function kvService(backend: Backend) {
  const h = header(0);
  return {
    Range: unary(async (req: WireRangeRequest) => {
      const r = rangeFromWire(req);
      return rangeResultToWire(await backend.range(r.key, r), h);
    }),
    Put: unary(async (req: WirePutRequest) => {
      const r = await backend.put(req.key, req.value, {
        lease: BigInt(req.lease ?? 0),
        prevKv: req.prev_kv,
        ignoreValue: req.ignore_value,
        ignoreLease: req.ignore_lease,
      });
      return putResultToWire(r, h);
    }),
    DeleteRange: unary(async (req: WireDeleteRangeRequest) => {
      const rangeEnd = req.range_end?.length ? req.range_end : undefined;
      return deleteResultToWire(await backend.deleteRange(req.key, { rangeEnd, prevKv: req.prev_kv }), h);
    }),
    Txn: unary(async (req: WireTxnRequest) => txnResponseToWire(await backend.txn(txnFromWire(req)), h)),
    Compact: unary(async (req: { revision: string; physical: boolean }) => {
      await backend.compact(num(req.revision));
      return { header: header(await backend.currentRevision()) };
    }),
  };
}

// KV Range: a key or a key range at the current or a past revision, with etcd's limit, count,
// keys-only, sort and revision filters.
import type { KeyValue, RangeOptions, RangeResult, SortTarget } from '../backend.js';
import { CompactedError, FutureRevisionError } from '../errors.js';
import { rowToKv } from '../rows.js';
import { rangeBounds, requireKey, type ReadView } from './read-view.js';

/** Check a requested revision against the view; 0 means the view's own revision. */
export function readRevision(view: ReadView, requested = 0): number {
  if (requested > view.revision) throw new FutureRevisionError();
  if (requested > 0 && requested < view.compactRevision) throw new CompactedError(view.compactRevision);
  return requested > 0 ? requested : view.revision;
}

export function range(view: ReadView, key: Buffer, o: RangeOptions = {}): RangeResult {
  requireKey(key);
  const at = readRevision(view, o.revision);
  const bounds = rangeBounds(o.rangeEnd);
  const limit = o.limit && o.limit > 0 ? o.limit : 0;

  if (bounds.single) {
    const row = view.dialect.latest(key, at);
    const kvs = filter(row && !row.deleted ? [rowToKv(row, o.keysOnly)] : [], o);
    return { revision: view.revision, kvs: o.countOnly ? [] : kvs, more: false, count: kvs.length };
  }

  const q = { start: key, end: bounds.end, revision: at };
  if (o.countOnly) return { revision: view.revision, kvs: [], more: false, count: view.dialect.count(q) };

  const sortTarget: SortTarget = o.sortTarget ?? 'key';
  const inMemory = hasFilters(o) || (sortTarget !== 'key' && o.sortOrder !== undefined && o.sortOrder !== 'none');
  if (!inMemory) {
    const rows = view.dialect.list({ ...q, limit: limit ? limit + 1 : undefined, descending: o.sortOrder === 'descend' });
    const more = limit > 0 && rows.length > limit;
    const kvs = (more ? rows.slice(0, limit) : rows).map((r) => rowToKv(r, o.keysOnly));
    return { revision: view.revision, kvs, more, count: more ? view.dialect.count(q) : kvs.length };
  }

  // Sorting on another target or filtering needs the whole range first, as etcd does.
  const all = view.dialect.list(q).map((r) => rowToKv(r, o.keysOnly));
  const kvs = sortKvs(filter(all, o), sortTarget, o.sortOrder ?? 'ascend');
  const more = limit > 0 && kvs.length > limit;
  return { revision: view.revision, kvs: more ? kvs.slice(0, limit) : kvs, more, count: all.length };
}

function hasFilters(o: RangeOptions): boolean {
  return !!(o.minModRevision || o.maxModRevision || o.minCreateRevision || o.maxCreateRevision);
}

function filter(kvs: KeyValue[], o: RangeOptions): KeyValue[] {
  if (!hasFilters(o)) return kvs;
  return kvs.filter(
    (kv) =>
      (!o.minModRevision || kv.modRevision >= o.minModRevision) &&
      (!o.maxModRevision || kv.modRevision <= o.maxModRevision) &&
      (!o.minCreateRevision || kv.createRevision >= o.minCreateRevision) &&
      (!o.maxCreateRevision || kv.createRevision <= o.maxCreateRevision),
  );
}

function sortKvs(kvs: KeyValue[], target: SortTarget, order: 'none' | 'ascend' | 'descend'): KeyValue[] {
  if (order === 'none') return kvs;
  const field = (kv: KeyValue): number | Buffer =>
    target === 'version' ? kv.version
    : target === 'create' ? kv.createRevision
    : target === 'mod' ? kv.modRevision
    : target === 'value' ? kv.value
    : kv.key;
  const cmp = (a: KeyValue, b: KeyValue) => {
    const x = field(a);
    const y = field(b);
    return typeof x === 'number' ? x - (y as number) : Buffer.compare(x, y as Buffer);
  };
  const sorted = [...kvs].sort(cmp);
  return order === 'descend' ? sorted.reverse() : sorted;
}

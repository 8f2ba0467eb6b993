// What a read needs: the database and the revisions it may read between. Both the committed log and
// an open transaction (which sees its batch's earlier writes) are read views.
import type { SqliteDialect } from '../dialect/sqlite.js';
import { InvalidArgumentError } from '../errors.js';

export interface ReadView {
  readonly dialect: SqliteDialect;
  readonly revision: number;
  readonly compactRevision: number;
}

/** etcd's range end: undefined or empty = the key alone, a zero byte = no upper bound. */
export function rangeBounds(rangeEnd?: Buffer): { single: true } | { single: false; end?: Buffer } {
  if (!rangeEnd || rangeEnd.length === 0) return { single: true };
  if (rangeEnd.length === 1 && rangeEnd[0] === 0) return { single: false };
  return { single: false, end: rangeEnd };
}

export function requireKey(key: Buffer): void {
  if (!key || key.length === 0) throw new InvalidArgumentError('etcdserver: key is not provided');
}

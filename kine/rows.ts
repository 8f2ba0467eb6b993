// Turning stored rows into etcd's KeyValue and Event shapes.
import type { KeyValue, WatchEvent } from './backend.js';
import type { Row, RowWithPrev } from './dialect/sqlite.js';

const EMPTY = Buffer.alloc(0);

export function rowToKv(row: Row, keysOnly = false): KeyValue {
  return {
    key: row.name,
    value: keysOnly ? EMPTY : (row.value ?? EMPTY),
    createRevision: row.create_revision,
    modRevision: row.id,
    version: row.version,
    lease: BigInt(row.lease),
  };
}

/** The event a row stands for; `prev` is the live row it superseded (none for a create). */
export function rowToEvent(row: Row, prev: KeyValue | undefined): WatchEvent {
  if (row.deleted) {
    return {
      type: 'delete',
      kv: { key: row.name, value: EMPTY, createRevision: 0, modRevision: row.id, version: 0, lease: 0n },
      prevKv: prev,
    };
  }
  return { type: 'put', kv: rowToKv(row), prevKv: row.created ? undefined : prev };
}

/** The event of a replayed row, its previous value read by the join in `after`. */
export function joinedRowToEvent(row: RowWithPrev): WatchEvent {
  const hasPrev = row.prev_revision !== 0 && row.prev_version !== null && !row.prev_deleted;
  const prev: KeyValue | undefined = hasPrev
    ? {
        key: row.name,
        value: row.prev_value ?? EMPTY,
        createRevision: row.prev_create_revision ?? 0,
        modRevision: row.prev_revision,
        version: row.prev_version ?? 0,
        lease: BigInt(row.prev_lease ?? 0),
      }
    : undefined;
  return rowToEvent(row, prev);
}

// The Backend seam: etcd's data model in the words the apiserver uses. Two implementations satisfy it,
// the embedded SQLite revision log (embedded-backend.ts) and a client of a real etcd v3 cluster
// (etcd/etcd-backend.ts); test/kine/conformance.ts holds both to the same behaviour.
//
// Keys and values are bytes. Revisions are plain numbers (etcd's int64 stays far below 2^53 in practice).
// Range ends follow etcd: undefined or empty = the single key; a single zero byte = every key >= key.

export interface KeyValue {
  key: Buffer;
  value: Buffer;
  createRevision: number;
  modRevision: number;
  /** Number of writes to the key since its creation (1 after create); 0 in delete events. */
  version: number;
  /** Lease id, 0n when none (bigint: etcd's lease ids use all 64 bits). */
  lease: bigint;
}

export interface WatchEvent {
  type: 'put' | 'delete';
  /** For a delete: the key and the revision of the delete, other fields zero (as etcd). */
  kv: KeyValue;
  /** The key's previous state, when the watch asked for it and the key had one. */
  prevKv?: KeyValue;
}

export type SortOrder = 'none' | 'ascend' | 'descend';
export type SortTarget = 'key' | 'version' | 'create' | 'mod' | 'value';

export interface RangeOptions {
  rangeEnd?: Buffer;
  /** Read at this revision; 0 or undefined = current. */
  revision?: number;
  /** At most this many keys; 0 or undefined = all. */
  limit?: number;
  keysOnly?: boolean;
  countOnly?: boolean;
  sortOrder?: SortOrder;
  sortTarget?: SortTarget;
  minModRevision?: number;
  maxModRevision?: number;
  minCreateRevision?: number;
  maxCreateRevision?: number;
}

export interface RangeResult {
  /** The revision the read was served at (the header revision). */
  revision: number;
  kvs: KeyValue[];
  /** More keys in the range beyond `limit`. */
  more: boolean;
  /** Number of keys in the whole range at that revision, whatever the limit. */
  count: number;
}

export interface PutOptions {
  lease?: bigint;
  prevKv?: boolean;
  /** etcd's ignore_value / ignore_lease: keep the key's current value or lease. */
  ignoreValue?: boolean;
  ignoreLease?: boolean;
}

export interface PutResult {
  revision: number;
  prevKv?: KeyValue;
}

export interface DeleteRangeResult {
  revision: number;
  deleted: number;
  prevKvs: KeyValue[];
}

/** The outcome of a compare-and-swap: `kv` is the key's state after the write, or its current state when it lost. */
export type CasResult =
  | { succeeded: true; revision: number; kv: KeyValue; prevKv?: KeyValue }
  | { succeeded: false; revision: number; kv?: KeyValue };

export type CompareTarget = 'version' | 'create' | 'mod' | 'value' | 'lease';
export type CompareResult = '=' | '!=' | '>' | '<';

export interface Compare {
  key: Buffer;
  rangeEnd?: Buffer;
  target: CompareTarget;
  result: CompareResult;
  /** A revision or version for the numeric targets, a lease id for `lease`, bytes for `value`. */
  operand: number | bigint | Buffer;
}

export type RequestOp =
  | { range: { key: Buffer } & RangeOptions }
  | { put: { key: Buffer; value: Buffer } & PutOptions }
  | { deleteRange: { key: Buffer; rangeEnd?: Buffer; prevKv?: boolean } }
  | { txn: TxnRequest };

export type ResponseOp =
  | { range: RangeResult }
  | { put: PutResult }
  | { deleteRange: DeleteRangeResult }
  | { txn: TxnResponse };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface TxnResponse {
  revision: number;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface WatchOptions {
  rangeEnd?: Buffer;
  /** First revision to deliver (inclusive, as etcd); 0 or undefined = only new events. */
  startRevision?: number;
  prevKv?: boolean;
  /** Drop events of these types (etcd's NOPUT / NODELETE filters). */
  filters?: Array<'put' | 'delete'>;
}

/** Callbacks of one watch. `events` batches share ascending revisions; `error` ends the watch. */
export interface WatchListener {
  events(events: WatchEvent[], revision: number): void;
  error(err: Error): void;
}

export interface Watch {
  cancel(): void;
  /**
   * The revision up to which every event of this watch has been delivered, or undefined while it is
   * still catching up on history. Progress notifications may only claim this revision.
   */
  progress?(): number | undefined;
}

export interface LeaseInfo {
  id: bigint;
  ttl: number;
  /** Seconds left, -1 when the lease does not exist. */
  remaining: number;
  keys?: Buffer[];
}

export interface StoreStatus {
  revision: number;
  compactRevision: number;
  dbSize: number;
  dbSizeInUse: number;
}

export interface Backend {
  /** The latest committed revision. */
  currentRevision(): Promise<number>;
  range(key: Buffer, options?: RangeOptions): Promise<RangeResult>;
  /** Create the key only if it does not exist (etcd: mod_revision == 0). */
  create(key: Buffer, value: Buffer, options?: { lease?: bigint }): Promise<CasResult>;
  /** Replace the key only if its mod revision is still `modRevision`. */
  update(key: Buffer, value: Buffer, modRevision: number, options?: { lease?: bigint }): Promise<CasResult>;
  /** Delete the key only if its mod revision is still `modRevision` (0 = whatever it is). */
  delete(key: Buffer, modRevision: number): Promise<CasResult>;
  put(key: Buffer, value: Buffer, options?: PutOptions): Promise<PutResult>;
  deleteRange(key: Buffer, options?: { rangeEnd?: Buffer; prevKv?: boolean }): Promise<DeleteRangeResult>;
  txn(request: TxnRequest): Promise<TxnResponse>;
  /** Remove history older than `revision`; reads and watches below it then fail with CompactedError. */
  compact(revision: number): Promise<void>;
  watch(key: Buffer, options: WatchOptions, listener: WatchListener): Watch;
  /** Grant a lease; `id` 0 or undefined lets the store choose one. */
  leaseGrant(ttl: number, id?: bigint): Promise<{ id: bigint; ttl: number }>;
  /** Revoke a lease and delete every key attached to it. */
  leaseRevoke(id: bigint): Promise<void>;
  /** Renew a lease to its full TTL; returns that TTL. */
  leaseKeepAlive(id: bigint): Promise<number>;
  leaseTimeToLive(id: bigint, options?: { keys?: boolean }): Promise<LeaseInfo>;
  leaseLeases(): Promise<bigint[]>;
  status(): Promise<StoreStatus>;
  /**
   * Write a consistent copy of the whole store to the new file `destination` without pausing writes
   * (kine/snapshot). Optional: the embedded store's copy is SQLite's online backup, taken by kine/snapshot
   * itself; a client of a real etcd implements it with etcd's Maintenance.Snapshot (a bbolt file).
   */
  snapshot?(destination: string): Promise<{ format: 'etcd-bbolt'; revision: number }>;
  close(): Promise<void>;
}

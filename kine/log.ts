// The revision log: appends rows under group commit and tells subscribers about committed events.
//
// Writers call `write(fn)`. Every `fn` queued in one turn of the event loop runs, in order, inside one
// SQLite transaction: one commit, one fsync. Each `fn` runs in its own savepoint, so a request that fails
// (a lease that does not exist, say) leaves no trace while its neighbours commit. Promises resolve only
// after the commit returned, so an acknowledged write is on disk. Subscribers are called synchronously
// right after the commit, with the batch's events in revision order: no polling.
import type { WatchEvent } from './backend.js';
import type { NewRow, Row, SqliteDialect } from './dialect/sqlite.js';
import { KineError, StoreClosedError } from './errors.js';
import { rowToEvent, rowToKv } from './rows.js';

const MAX_BATCH = 1000;

/** Write access inside a transaction. Reads through it see the batch's earlier writes. */
export class LogTx {
  readonly events: WatchEvent[] = [];
  /** Extra work to run after commit (lease bookkeeping), discarded with a rolled-back savepoint. */
  readonly afterCommit: Array<() => void> = [];

  constructor(
    readonly dialect: SqliteDialect,
    public revision: number,
    readonly compactRevision: number,
  ) {}

  /** Append one row for `key` at the next revision; `prev` is the key's latest row (live or tombstone). */
  append(key: Buffer, prev: Row | undefined, change: { deleted?: boolean; value?: Buffer; lease?: bigint }): Row {
    const id = this.revision + 1;
    const prevLive = prev && !prev.deleted ? prev : undefined;
    const row: NewRow = {
      id,
      name: key,
      created: !change.deleted && !prevLive,
      deleted: !!change.deleted,
      createRevision: change.deleted ? (prevLive?.create_revision ?? 0) : (prevLive?.create_revision ?? id),
      prevRevision: prev?.id ?? 0,
      version: change.deleted ? 0 : (prevLive?.version ?? 0) + 1,
      lease: change.deleted ? 0 : Number(change.lease ?? 0n),
      value: change.deleted ? null : (change.value ?? null),
    };
    this.dialect.insert(row);
    this.revision = id;
    const stored: Row = {
      id,
      name: key,
      created: row.created ? 1 : 0,
      deleted: row.deleted ? 1 : 0,
      create_revision: row.createRevision,
      prev_revision: row.prevRevision,
      version: row.version,
      lease: row.lease,
      value: row.value,
    };
    this.events.push(rowToEvent(stored, prevLive ? rowToKv(prevLive) : undefined));
    return stored;
  }
}

interface Pending {
  fn: (tx: LogTx) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export type CommitListener = (events: WatchEvent[], revision: number) => void;

export class RevisionLog {
  private committed: number;
  private compacted: number;
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly listeners = new Set<CommitListener>();

  constructor(readonly dialect: SqliteDialect) {
    this.committed = dialect.maxRevision();
    this.compacted = dialect.meta('compact_revision') ?? 0;
  }

  get revision(): number {
    return this.committed;
  }

  get compactRevision(): number {
    return this.compacted;
  }

  /** Queue `fn` for the next group commit; resolves with its result once it is durable. */
  write<T>(fn: (tx: LogTx) => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Called after every commit with its events; returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Record the new compact revision; called by compaction inside its transaction's afterCommit. */
  setCompacted(revision: number): void {
    this.compacted = revision;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;
    const tx = new LogTx(this.dialect, this.committed, this.compacted);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.dialect.transaction(() => {
        // A lone request needs no savepoint: if it fails, the whole transaction rolls back.
        if (batch.length === 1) outcomes.push({ ok: true, value: batch[0]!.fn(tx) });
        else for (const p of batch) outcomes.push(this.runInSavepoint(tx, p.fn));
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    this.committed = tx.revision;
    for (const f of tx.afterCommit) f();
    if (tx.events.length > 0) {
      for (const l of this.listeners) l(tx.events, tx.revision);
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  /** Run one request in a savepoint; a KineError undoes just this request, anything else aborts the batch. */
  private runInSavepoint(tx: LogTx, fn: (tx: LogTx) => unknown) {
    const mark = { revision: tx.revision, events: tx.events.length, after: tx.afterCommit.length };
    try {
      return { ok: true as const, value: this.dialect.transaction(() => fn(tx)) };
    } catch (error) {
      if (!(error instanceof KineError)) throw error;
      tx.revision = mark.revision;
      tx.events.length = mark.events;
      tx.afterCommit.length = mark.after;
      return { ok: false as const, error };
    }
  }

  /** Refuse new writes, let queued ones commit, then close the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
    this.listeners.clear();
    this.dialect.checkpoint();
    this.dialect.close();
  }
}


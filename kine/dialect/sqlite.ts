// The only file that knows better-sqlite3: the schema of the revision log and every statement on it.
//
// One row per revision (`id`). Keys and values are BLOBs, so any bytes work and keys sort as etcd sorts
// them (memcmp). `prev_revision` links a row to the key's previous row, which is how watchers get
// previous values without a second copy of every value. The process holds the file with an exclusive
// lock: two stores on one file would each believe they own the revision counter.
import Database from 'better-sqlite3';
import { StoreOpenError } from '../errors.js';

export interface Row {
  id: number;
  name: Buffer;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  version: number;
  lease: number;
  value: Buffer | null;
}

/** A row joined with the row it superseded (for watch replay). */
export interface RowWithPrev extends Row {
  prev_value: Buffer | null;
  prev_version: number | null;
  prev_lease: number | null;
  prev_create_revision: number | null;
  prev_deleted: number | null;
}

export interface NewRow {
  id: number;
  name: Buffer;
  created: boolean;
  deleted: boolean;
  createRevision: number;
  prevRevision: number;
  version: number;
  lease: number;
  value: Buffer | null;
}

export interface ListQuery {
  start: Buffer;
  /** Exclusive end; undefined = no end. */
  end?: Buffer;
  revision: number;
  limit?: number;
  descending?: boolean;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name BLOB NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  version INTEGER NOT NULL,
  lease INTEGER NOT NULL,
  value BLOB
);
CREATE INDEX IF NOT EXISTS kine_name_id_index ON kine (name, id);
CREATE INDEX IF NOT EXISTS kine_lease_index ON kine (lease) WHERE lease != 0;
CREATE TABLE IF NOT EXISTS kine_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kine_lease (id INTEGER PRIMARY KEY, ttl INTEGER NOT NULL);
`;

const COLUMNS = 'id, name, created, deleted, create_revision, prev_revision, version, lease';

export interface SqliteOptions {
  /** `:memory:` for an ephemeral store. */
  path: string;
  /** fsync every commit (etcd's durability). Off trades power-loss safety for speed; kill -9 is safe either way. */
  fsync?: boolean;
}

export class SqliteDialect {
  private readonly db: Database.Database;
  private readonly stmts;
  /** One transaction wrapper for every call (building one per commit showed up in profiles). */
  private readonly runner: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(options: SqliteOptions) {
    try {
      this.db = new Database(options.path, { timeout: 0 });
    } catch (err) {
      throw new StoreOpenError(`kine: cannot open ${options.path}: ${(err as Error).message}`);
    }
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.fsync === false ? 'NORMAL' : 'FULL'}`);
      this.db.pragma('locking_mode = EXCLUSIVE');
      // Taking the write lock now makes a second process fail here, with a clear message, not later.
      this.db.exec('BEGIN IMMEDIATE; COMMIT;');
      this.db.exec(SCHEMA);
      this.checkSchemaVersion();
    } catch (err) {
      this.db.close();
      const msg = (err as Error).message;
      if (/locked|busy/i.test(msg)) {
        throw new StoreOpenError(`kine: ${options.path} is in use by another process (${msg})`);
      }
      if (/not a database|malformed|corrupt/i.test(msg)) {
        throw new StoreOpenError(`kine: ${options.path} is not a valid k8ts database (${msg}); the file was left untouched`);
      }
      throw new StoreOpenError(`kine: cannot open ${options.path}: ${msg}`);
    }
    this.stmts = this.prepare();
    this.runner = this.db.transaction((fn: () => unknown) => fn());
  }

  private checkSchemaVersion(): void {
    const row = this.db.prepare("SELECT value FROM kine_meta WHERE key = 'schema_version'").get() as
      | { value: number }
      | undefined;
    if (!row) {
      this.db.prepare("INSERT INTO kine_meta (key, value) VALUES ('schema_version', ?)").run(SCHEMA_VERSION);
    } else if (row.value !== SCHEMA_VERSION) {
      throw new StoreOpenError(`kine: database schema version ${row.value}, this k8ts understands ${SCHEMA_VERSION}`);
    }
  }

  private prepare() {
    const db = this.db;
    // The newest row of each key in name order, then its row: joining in that order lets SQLite stream
    // the result instead of sorting every row (values included) for ORDER BY.
    const live = (where: string, order: string) =>
      `SELECT k.id, k.name, k.created, k.deleted, k.create_revision, k.prev_revision, k.version, k.lease, k.value
       FROM (SELECT name, MAX(id) AS mid FROM kine WHERE ${where} AND id <= @revision GROUP BY name ORDER BY name ${order}) m
       CROSS JOIN kine k ON k.id = m.mid
       WHERE k.deleted = 0 ORDER BY m.name ${order}`;
    return {
      latest: db.prepare(`SELECT ${COLUMNS}, value FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1`),
      latestAt: db.prepare(`SELECT ${COLUMNS}, value FROM kine WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1`),
      listBounded: db.prepare(live('name >= @start AND name < @end', 'ASC') + ' LIMIT @limit'),
      listOpen: db.prepare(live('name >= @start', 'ASC') + ' LIMIT @limit'),
      listBoundedDesc: db.prepare(live('name >= @start AND name < @end', 'DESC') + ' LIMIT @limit'),
      listOpenDesc: db.prepare(live('name >= @start', 'DESC') + ' LIMIT @limit'),
      countBounded: db.prepare(`SELECT COUNT(*) AS n FROM kine WHERE id IN (
         SELECT MAX(id) FROM kine WHERE name >= @start AND name < @end AND id <= @revision GROUP BY name) AND deleted = 0`),
      countOpen: db.prepare(`SELECT COUNT(*) AS n FROM kine WHERE id IN (
         SELECT MAX(id) FROM kine WHERE name >= @start AND id <= @revision GROUP BY name) AND deleted = 0`),
      after: db.prepare(`SELECT k.id, k.name, k.created, k.deleted, k.create_revision, k.prev_revision, k.version,
           k.lease, k.value, p.value AS prev_value, p.version AS prev_version, p.lease AS prev_lease,
           p.create_revision AS prev_create_revision, p.deleted AS prev_deleted
         FROM kine k LEFT JOIN kine p ON p.id = k.prev_revision
         WHERE k.id > ? AND k.id <= ? ORDER BY k.id LIMIT ?`),
      insert: db.prepare(`INSERT INTO kine (id, name, created, deleted, create_revision, prev_revision, version, lease, value)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      maxId: db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kine'), 0) AS seq"),
      metaGet: db.prepare('SELECT value FROM kine_meta WHERE key = ?'),
      metaSet: db.prepare('INSERT INTO kine_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      compactSuperseded: db.prepare(`DELETE FROM kine WHERE id IN (
         SELECT prev_revision FROM kine WHERE id >= ? AND id < ? AND prev_revision != 0)`),
      compactTombstones: db.prepare('DELETE FROM kine WHERE id >= ? AND id < ? AND deleted = 1'),
      leaseKeys: db.prepare(`SELECT ${COLUMNS}, value FROM kine k WHERE lease = ? AND deleted = 0
         AND id = (SELECT MAX(id) FROM kine WHERE name = k.name)`),
      leaseInsert: db.prepare('INSERT INTO kine_lease (id, ttl) VALUES (?, ?)'),
      leaseDelete: db.prepare('DELETE FROM kine_lease WHERE id = ?'),
      leaseGet: db.prepare('SELECT ttl FROM kine_lease WHERE id = ?'),
      leaseAll: db.prepare('SELECT id, ttl FROM kine_lease'),
      pageCount: db.prepare('PRAGMA page_count'),
      freeCount: db.prepare('PRAGMA freelist_count'),
      pageSize: db.prepare('PRAGMA page_size'),
    };
  }

  /** Run `fn` in one transaction (one commit, one fsync). Throws roll everything back. */
  transaction<T>(fn: () => T): T {
    return this.runner.immediate(fn) as T;
  }

  /** The highest revision ever assigned (survives compaction of the newest rows). */
  maxRevision(): number {
    return (this.stmts.maxId.get() as { seq: number }).seq;
  }

  latest(name: Buffer, revision?: number): Row | undefined {
    return (revision === undefined ? this.stmts.latest.get(name) : this.stmts.latestAt.get(name, revision)) as
      | Row
      | undefined;
  }

  list(q: ListQuery): Row[] {
    const params = { start: q.start, end: q.end, revision: q.revision, limit: q.limit ?? -1 };
    const s = this.stmts;
    const stmt = q.end
      ? q.descending ? s.listBoundedDesc : s.listBounded
      : q.descending ? s.listOpenDesc : s.listOpen;
    if (!q.end) delete params.end;
    return stmt.all(params) as Row[];
  }

  count(q: Omit<ListQuery, 'limit' | 'descending'>): number {
    const stmt = q.end ? this.stmts.countBounded : this.stmts.countOpen;
    const params: Record<string, unknown> = { start: q.start, revision: q.revision };
    if (q.end) params.end = q.end;
    return (stmt.get(params) as { n: number }).n;
  }

  /** Rows with `after < id <= upTo`, oldest first, each with the row it superseded. */
  after(after: number, upTo: number, limit: number): RowWithPrev[] {
    return this.stmts.after.all(after, upTo, limit) as RowWithPrev[];
  }

  insert(r: NewRow): void {
    this.stmts.insert.run(
      r.id, r.name, r.created ? 1 : 0, r.deleted ? 1 : 0, r.createRevision, r.prevRevision, r.version, r.lease, r.value,
    );
  }

  meta(key: string): number | undefined {
    return (this.stmts.metaGet.get(key) as { value: number } | undefined)?.value;
  }

  setMeta(key: string, value: number): void {
    this.stmts.metaSet.run(key, value);
  }

  /**
   * Compaction of one span: delete the rows superseded by a row with from <= id < to, and the tombstones
   * in that span. What stays is every key's state at revision `to` and everything after it, with the
   * previous values of those later events; so reads and watches from `to` on are whole.
   */
  compactSpan(from: number, to: number): number {
    return this.stmts.compactSuperseded.run(from, to).changes + this.stmts.compactTombstones.run(from, to).changes;
  }

  liveKeysOfLease(lease: number): Row[] {
    return this.stmts.leaseKeys.all(lease) as Row[];
  }

  insertLease(id: number, ttl: number): void {
    this.stmts.leaseInsert.run(id, ttl);
  }

  /** The lease's TTL, or undefined when no such lease is stored. */
  leaseTtl(id: number): number | undefined {
    return (this.stmts.leaseGet.get(id) as { ttl: number } | undefined)?.ttl;
  }

  deleteLease(id: number): void {
    this.stmts.leaseDelete.run(id);
  }

  leases(): Array<{ id: number; ttl: number }> {
    return this.stmts.leaseAll.all() as Array<{ id: number; ttl: number }>;
  }

  sizes(): { dbSize: number; dbSizeInUse: number } {
    const pages = this.stmts.pageCount.pluck().get() as number;
    const free = this.stmts.freeCount.pluck().get() as number;
    const size = this.stmts.pageSize.pluck().get() as number;
    return { dbSize: pages * size, dbSizeInUse: (pages - free) * size };
  }

  /**
   * SQLite's online backup of the whole database into a new file at `destination` (kine/snapshot). It copies
   * pages a step at a time between turns of the event loop, so writes go on meanwhile; writes made through
   * this connection during the copy are carried into it, so the file is the database as of one commit (the
   * last before the copy finished). Not a copy of the live file: the WAL is read through SQLite.
   */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  /** Fold the WAL back into the main file and truncate it. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

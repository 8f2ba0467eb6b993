// `k8ts snapshot restore FILE --data-dir DIR`: a data dir a server can start from, as of the snapshot.
//
// - DIR/db/state.db: the snapshot's store, with the revision counter bumped past anything the old cluster
//   may have reached since (etcdutl's --bump-revision) and compacted at the new revision (etcdutl's
//   --mark-compacted). So resourceVersions continue upwards, and a client that watched the old cluster
//   and resumes from its last resourceVersion gets "too old resource version" (410) and relists instead
//   of silently missing what the restore undid.
// - DIR/tls/*: the cluster CA, certificates and service-account keys, unsealed with the server token, so
//   existing kubeconfigs and service-account tokens keep working. DIR/token: that token.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EmbeddedBackend } from '../embedded-backend.js';
import { compact } from '../ops/compact.js';
import { RestoreTargetError, SnapshotFormatError, SnapshotTokenError } from './errors.js';
import { openSnapshot, storeStream, type SnapshotHeader } from './format.js';
import { openSecrets } from './secrets.js';
import { readServerToken, serverTokenPath } from './server-token.js';

/** etcd's recommendation for --bump-revision on a restore (Kubernetes' etcd restore docs). */
export const DEFAULT_BUMP_REVISION = 1_000_000_000;

/** The key that records a restore (outside /registry/, so the apiserver never sees it). */
export const RESTORE_MARKER_KEY = Buffer.from('/k8ts/snapshot/restored');

export interface RestoreOptions {
  file: string;
  dataDir: string;
  /** The source server's token; default: DIR/token of the data dir the file sits in (DIR/db/snapshots/FILE). */
  token?: string;
  /** Replace a non-empty data dir. */
  force?: boolean;
  bumpRevision?: number;
  now?: () => Date;
}

export interface RestoreResult {
  header: SnapshotHeader;
  /** The restored store's revision (and compact revision): the snapshot's plus the bump. */
  revision: number;
  /** Names of the DIR/tls files restored (none for a `k8ts kine` snapshot). */
  tlsFiles: string[];
}

export async function restoreSnapshot(o: RestoreOptions): Promise<RestoreResult> {
  const snap = await openSnapshot(o.file);
  if (snap.header.store.format !== 'sqlite3') {
    throw new SnapshotFormatError(
      `snapshot: ${o.file} holds an etcd (bbolt) snapshot of a --datastore-endpoint cluster: restore that etcd with etcdutl snapshot restore`,
    );
  }
  const dataDir = resolve(o.dataDir);
  checkTarget(dataDir, o.force === true);

  let token: string | undefined;
  let files: Record<string, Buffer> = {};
  if (snap.header.secrets && snap.secrets) {
    token = o.token ?? tokenBesideSnapshot(o.file);
    if (!token) {
      throw new SnapshotTokenError(
        'snapshot: this snapshot carries the cluster CA and keys sealed with the server token: pass --token (the source server\'s DIR/token)',
      );
    }
    files = openSecrets(snap.header.secrets, snap.secrets, token);
  }

  if (o.force) {
    for (const sub of ['db', 'tls', 'kubeconfig.yaml', 'token']) await rm(join(dataDir, sub), { recursive: true, force: true });
  }
  const dbDir = join(dataDir, 'db');
  mkdirSync(dbDir, { recursive: true, mode: 0o700 });
  const part = join(dbDir, 'state.db.restoring');
  await rm(part, { force: true });
  await pipeline(storeStream(snap), createWriteStream(part, { mode: 0o600 }));
  const revision = await bumpAndCompact(part, snap.header, o.bumpRevision ?? DEFAULT_BUMP_REVISION, o.now?.() ?? new Date());
  await rename(part, join(dbDir, 'state.db'));

  if (Object.keys(files).length > 0) {
    const tlsDir = join(dataDir, 'tls');
    mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
    for (const [name, data] of Object.entries(files)) {
      if (name !== basename(name)) throw new SnapshotFormatError(`snapshot: bad file name ${JSON.stringify(name)} in its secrets`);
      writeFileSync(join(tlsDir, name), data, { mode: name.endsWith('.key') ? 0o600 : 0o644 });
    }
  }
  if (token) writeFileSync(serverTokenPath(dataDir), `${token}\n`, { mode: 0o600 });
  return { header: snap.header, revision, tlsFiles: Object.keys(files).sort() };
}

/** Give the restored store its new revision (a marker row at it) and compact everything below it. */
async function bumpAndCompact(path: string, header: SnapshotHeader, bump: number, now: Date): Promise<number> {
  const backend = new EmbeddedBackend({ path, fsync: false, leaseCheckIntervalMs: 0 });
  try {
    const target = backend.log.revision + Math.max(1, bump);
    const marker = Buffer.from(JSON.stringify({ restored: now.toISOString(), snapshot: { created: header.created, node: header.node, revision: header.revision } }));
    await backend.log.write((tx) => {
      tx.revision = target - 1;
      tx.append(RESTORE_MARKER_KEY, tx.dialect.latest(RESTORE_MARKER_KEY), { value: marker });
    });
    // One batch: the span is mostly empty revisions, and nobody else uses the store yet.
    if (target > backend.log.compactRevision) await compact(backend.log, target, Number.MAX_SAFE_INTEGER);
    return target;
  } finally {
    await backend.close();
  }
}

function checkTarget(dataDir: string, force: boolean): void {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir);
  if (entries.length > 0 && !force) {
    throw new RestoreTargetError(`snapshot: data dir ${dataDir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): pass --force to replace its store, certificates and token`);
  }
}

/** DIR/token when the snapshot sits in DIR/db/snapshots/ (where `k8ts snapshot save` puts it). */
function tokenBesideSnapshot(file: string): string | undefined {
  const snapshots = dirname(resolve(file));
  if (basename(snapshots) !== 'snapshots' || basename(dirname(snapshots)) !== 'db') return undefined;
  return readServerToken(dirname(dirname(snapshots)));
}

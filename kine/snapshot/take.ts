// Taking a snapshot: a consistent copy of the store (SQLite's online backup for the embedded store, etcd's
// own Snapshot API for a real etcd), the sealed TLS material, and the container around them (format.ts).
// Writes go on while the copy is made: the API is never paused. Callers: the Snapshot RPC of `k8ts kine`,
// `k8ts snapshot save`, the server's control socket and its scheduler.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Backend } from '../backend.js';
import { SqliteDialect } from '../dialect/sqlite.js';
import { EmbeddedBackend } from '../embedded-backend.js';
import { SnapshotError } from './errors.js';
import { layout, snapshotBytes, type SnapshotHeader, type SnapshotLayout } from './format.js';
import { sealSecrets, type SecretFiles } from './secrets.js';

export const K8TS_VERSION = '0.1.0';

export interface TakeSnapshotOptions {
  backend: Backend;
  /** DIR/tls, whose files the snapshot carries sealed under `token`; undefined = the store alone (`k8ts kine`). */
  tlsDir?: string;
  token?: string;
  node?: string;
  now?: () => Date;
  /** Where the temporary copy of the store goes (default: the OS temp dir). */
  tmpDir?: string;
}

export interface TakenSnapshot {
  layout: SnapshotLayout;
  header: SnapshotHeader;
  /** The file's bytes, trailer last; may be read once. */
  bytes(): AsyncGenerator<Buffer>;
  /** Remove the temporary copy (always call it, also after bytes() failed). */
  dispose(): Promise<void>;
}

export async function takeSnapshot(o: TakeSnapshotOptions): Promise<TakenSnapshot> {
  const tmp = await mkdtemp(join(o.tmpDir ?? tmpdir(), 'k8ts-snapshot-'));
  const dispose = () => rm(tmp, { recursive: true, force: true });
  try {
    const storeCopy = join(tmp, 'store');
    const store = await copyStore(o.backend, storeCopy);
    const files = o.tlsDir ? readSecretFiles(o.tlsDir) : {};
    let sealed: ReturnType<typeof sealSecrets> | undefined;
    if (Object.keys(files).length > 0) {
      if (!o.token) throw new SnapshotError('snapshot: a server token is needed to seal the certificates and keys (DIR/token)');
      sealed = sealSecrets(files, o.token);
    }
    const header: SnapshotHeader = {
      kind: 'k8ts-snapshot',
      created: (o.now?.() ?? new Date()).toISOString(),
      serverVersion: K8TS_VERSION,
      node: o.node ?? hostname(),
      revision: store.revision,
      compactRevision: store.compactRevision,
      store: { format: store.format, length: (await stat(storeCopy)).size },
      ...(sealed ? { secrets: { ...sealed.meta, length: sealed.ciphertext.length } } : {}),
    };
    const l = layout(header);
    return {
      layout: l,
      header,
      bytes: () => snapshotBytes(l, createReadStream(storeCopy) as AsyncIterable<Buffer>, sealed?.ciphertext),
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Take a snapshot into the file `path` (written beside as `path.part`, then renamed). */
export async function saveSnapshot(path: string, o: TakeSnapshotOptions): Promise<SnapshotHeader & { size: number }> {
  const taken = await takeSnapshot(o);
  try {
    const part = `${path}.part`;
    await pipeline(Readable.from(taken.bytes()), createWriteStream(part, { mode: 0o600 }));
    await rename(part, path);
    return { ...taken.header, size: taken.layout.size };
  } finally {
    await taken.dispose();
  }
}

interface StoreCopy {
  format: 'sqlite3' | 'etcd-bbolt';
  revision: number;
  compactRevision: number;
}

async function copyStore(backend: Backend, destination: string): Promise<StoreCopy> {
  if (backend instanceof EmbeddedBackend) {
    await backend.log.dialect.backup(destination);
    // The copy's own counters say which commit it holds (writes went on while it was made).
    const copy = new SqliteDialect({ path: destination, fsync: false });
    try {
      return { format: 'sqlite3', revision: copy.maxRevision(), compactRevision: copy.meta('compact_revision') ?? 0 };
    } finally {
      copy.close();
    }
  }
  if (backend.snapshot) {
    const r = await backend.snapshot(destination);
    return { format: r.format, revision: r.revision, compactRevision: 0 };
  }
  throw new SnapshotError('snapshot: this datastore cannot take snapshots');
}

/** Every regular file of DIR/tls (the cluster CA, certificates, service-account keys). */
function readSecretFiles(tlsDir: string): SecretFiles {
  if (!existsSync(tlsDir)) return {};
  const out: SecretFiles = {};
  for (const name of readdirSync(tlsDir).sort()) {
    const path = join(tlsDir, name);
    if (statSync(path).isFile()) out[name] = readFileSync(path);
  }
  return out;
}

// The k8ts snapshot file: a small self-describing container. Its bytes are exactly what the etcd
// Maintenance.Snapshot RPC of `k8ts kine` streams, so a file saved by `etcdctl snapshot save` and one
// written by `k8ts snapshot save` have the same format.
//
//   offset 0    8 bytes   magic "K8TSSNAP"
//          8    u32 BE    container version (1)
//          12   u32 BE    header length H
//          16   H bytes   header, JSON (SnapshotHeader)
//          16+H           the store: an SQLite database file (SQLite's online backup of DIR/db/state.db),
//                         or, from a real etcd datastore, etcd's own bbolt snapshot
//                         then the sealed secrets (secrets.ts), when the header lists them
//                         then zero bytes up to a multiple of 512
//          end-32         SHA-256 of every byte before it
//
// The trailer is etcd's: etcd appends the SHA-256 of a snapshot to the stream and etcdctl 3.4 refuses a
// received file whose size is not 512·n + 32 ("sha256 checksum not found"). The store is not bbolt, so
// `etcdctl snapshot status` and `etcdctl snapshot restore` cannot read these files: `k8ts snapshot
// restore` is their restore path.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { SnapshotFormatError } from './errors.js';
import type { SealedSecrets } from './secrets.js';

export const SNAPSHOT_MAGIC = Buffer.from('K8TSSNAP');
export const SNAPSHOT_VERSION = 1;
const PREFIX = 16;
const TRAILER = 32;
const ALIGN = 512;

export interface SnapshotHeader {
  kind: 'k8ts-snapshot';
  /** ISO time the copy was taken. */
  created: string;
  serverVersion: string;
  node: string;
  /** The store's revision in the copy: every write up to it, none after it. */
  revision: number;
  compactRevision: number;
  store: { format: 'sqlite3' | 'etcd-bbolt'; length: number };
  /** The files of DIR/tls, sealed under the server token; absent from `k8ts kine` snapshots. */
  secrets?: SealedSecrets & { length: number };
}

export interface SnapshotLayout {
  header: SnapshotHeader;
  headerBytes: Buffer;
  /** Total file size, trailer included. */
  size: number;
  storeOffset: number;
  secretsOffset: number;
  padding: number;
}

/** Where everything goes, given the header (its store and secrets lengths filled in). */
export function layout(header: SnapshotHeader): SnapshotLayout {
  const headerBytes = Buffer.from(JSON.stringify(header));
  const storeOffset = PREFIX + headerBytes.length;
  const secretsOffset = storeOffset + header.store.length;
  const body = secretsOffset + (header.secrets?.length ?? 0);
  const padding = (ALIGN - (body % ALIGN)) % ALIGN;
  return { header, headerBytes, size: body + padding + TRAILER, storeOffset, secretsOffset, padding };
}

/**
 * The snapshot's bytes in order, the trailer last. `store` yields exactly header.store.length bytes
 * (it is read once, as it streams); the caller knows the total size up front from layout().
 */
export async function* snapshotBytes(
  l: SnapshotLayout,
  store: AsyncIterable<Buffer>,
  secrets?: Buffer,
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  const emit = (b: Buffer) => {
    hash.update(b);
    return b;
  };
  const prefix = Buffer.alloc(PREFIX);
  SNAPSHOT_MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(SNAPSHOT_VERSION, 8);
  prefix.writeUInt32BE(l.headerBytes.length, 12);
  yield emit(Buffer.concat([prefix, l.headerBytes]));
  let stored = 0;
  for await (const chunk of store) {
    stored += chunk.length;
    yield emit(chunk);
  }
  if (stored !== l.header.store.length) {
    throw new SnapshotFormatError(`snapshot: the store copy changed size while streaming (${stored} != ${l.header.store.length})`);
  }
  if (secrets) yield emit(secrets);
  if (l.padding > 0) yield emit(Buffer.alloc(l.padding));
  yield hash.digest();
}

export interface OpenedSnapshot {
  path: string;
  header: SnapshotHeader;
  size: number;
  storeOffset: number;
  /** The sealed secrets' ciphertext, when the snapshot carries them. */
  secrets?: Buffer;
}

/** Read and check a snapshot file: magic, version, header and the SHA-256 trailer over the whole file. */
export async function openSnapshot(path: string): Promise<OpenedSnapshot> {
  const { size } = await stat(path).catch((err: Error) => {
    throw new SnapshotFormatError(`snapshot: cannot read ${path}: ${err.message}`);
  });
  const fh = await open(path, 'r');
  try {
    const prefix = Buffer.alloc(Math.min(size, 4096));
    await fh.read(prefix, 0, prefix.length, 0);
    if (!prefix.subarray(0, 8).equals(SNAPSHOT_MAGIC)) {
      // bbolt's meta page carries 0xED0CDAED after its 16-byte page header: a real etcd's snapshot.
      const bbolt = prefix.length >= 20 && prefix.readUInt32LE(16) === 0xed0cdaed;
      throw new SnapshotFormatError(
        bbolt
          ? `snapshot: ${path} is an etcd (bbolt) snapshot: restore it with etcdutl snapshot restore, not k8ts`
          : `snapshot: ${path} is not a k8ts snapshot (no K8TSSNAP magic)`,
      );
    }
    const version = prefix.readUInt32BE(8);
    if (version !== SNAPSHOT_VERSION) {
      throw new SnapshotFormatError(`snapshot: ${path} has container version ${version}, this k8ts reads ${SNAPSHOT_VERSION}`);
    }
    const headerLength = prefix.readUInt32BE(12);
    if (PREFIX + headerLength + TRAILER > size) throw new SnapshotFormatError(`snapshot: ${path} is truncated`);
    const headerBytes = Buffer.alloc(headerLength);
    await fh.read(headerBytes, 0, headerLength, PREFIX);
    let header: SnapshotHeader;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as SnapshotHeader;
    } catch {
      throw new SnapshotFormatError(`snapshot: ${path} has a damaged header`);
    }
    const l = layout(header);
    if (l.size !== size) {
      throw new SnapshotFormatError(`snapshot: ${path} is ${size} bytes, its header describes ${l.size} (truncated or damaged)`);
    }
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path, { start: 0, end: size - TRAILER - 1 })) hash.update(chunk as Buffer);
    const trailer = Buffer.alloc(TRAILER);
    await fh.read(trailer, 0, TRAILER, size - TRAILER);
    if (!hash.digest().equals(trailer)) throw new SnapshotFormatError(`snapshot: ${path} fails its SHA-256 check (damaged)`);
    let secrets: Buffer | undefined;
    if (header.secrets) {
      secrets = Buffer.alloc(header.secrets.length);
      await fh.read(secrets, 0, secrets.length, l.secretsOffset);
    }
    return { path, header, size, storeOffset: l.storeOffset, ...(secrets ? { secrets } : {}) };
  } finally {
    await fh.close();
  }
}

/** The store's bytes of an opened snapshot, as a stream. */
export function storeStream(s: OpenedSnapshot): NodeJS.ReadableStream {
  return createReadStream(s.path, { start: s.storeOffset, end: s.storeOffset + s.header.store.length - 1 });
}

// Snapshot files in a directory (default DIR/db/snapshots): naming, listing, deleting, retention.
// Names follow k3s: `<name>-<node>-<unix time>`, name `k8ts-snapshot` unless given.
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SnapshotError } from './errors.js';
import { openSnapshot, type SnapshotHeader } from './format.js';

export const DEFAULT_SNAPSHOT_NAME = 'k8ts-snapshot';

export function snapshotsDir(dataDir: string): string {
  return join(dataDir, 'db', 'snapshots');
}

export function snapshotFileName(name: string, node: string, now: Date): string {
  return `${name}-${node}-${Math.floor(now.getTime() / 1000)}`;
}

export interface SnapshotEntry {
  name: string;
  path: string;
  size: number;
  /** Modification time of the file. */
  mtime: Date;
  /** The header, when the file opens as a k8ts snapshot; else why not. */
  header?: SnapshotHeader;
  error?: string;
}

/** The snapshots in `dir`, oldest first (partial `.part` files left out). Checks each file (reads it all). */
export async function listSnapshots(dir: string): Promise<SnapshotEntry[]> {
  if (!existsSync(dir)) return [];
  const out: SnapshotEntry[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (!st.isFile() || name.endsWith('.part')) continue;
    const entry: SnapshotEntry = { name, path, size: st.size, mtime: st.mtime };
    try {
      entry.header = (await openSnapshot(path)).header;
    } catch (err) {
      entry.error = (err as Error).message;
    }
    out.push(entry);
  }
  return out.sort((a, b) => a.mtime.getTime() - b.mtime.getTime() || a.name.localeCompare(b.name));
}

/** Delete snapshot `name` from `dir` (a bare name: no paths). */
export function deleteSnapshot(dir: string, name: string): void {
  if (name !== basename(name) || name === '' || name.startsWith('.')) throw new SnapshotError(`snapshot: bad snapshot name ${JSON.stringify(name)}`);
  const path = join(dir, name);
  if (!existsSync(path)) throw new SnapshotError(`snapshot: no snapshot ${name} in ${dir}`);
  unlinkSync(path);
}

/** Keep the newest `retention` files whose names start with `prefix`; returns the names deleted. */
export function pruneSnapshots(dir: string, prefix: string, retention: number): string[] {
  if (!existsSync(dir) || retention < 1) return [];
  const mine = readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && !n.endsWith('.part'))
    .map((n) => ({ n, t: Number(/-(\d+)$/.exec(n)?.[1] ?? statSync(join(dir, n)).mtimeMs / 1000) }))
    .sort((a, b) => b.t - a.t || b.n.localeCompare(a.n));
  const doomed = mine.slice(retention).map((x) => x.n);
  for (const n of doomed) unlinkSync(join(dir, n));
  return doomed;
}

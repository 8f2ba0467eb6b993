// `k8ts snapshot save|ls|delete|restore` (project issue 9). The file format and what a restore does are in
// kine/snapshot/format.ts and kine/snapshot/restore.ts.
//
// save: a running `k8ts server` on --data-dir takes it (it holds the store exclusively) through its control
// socket, without pausing the API; with no server running, the store is opened here and copied the same way.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Backend } from '../../kine/backend.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { controlSocketPath, requestSnapshot, type SaveResult } from '../../kine/snapshot/control-socket.js';
import { SnapshotError } from '../../kine/snapshot/errors.js';
import { deleteSnapshot, listSnapshots, snapshotsDir } from '../../kine/snapshot/local-files.js';
import { DEFAULT_BUMP_REVISION, restoreSnapshot } from '../../kine/snapshot/restore.js';
import { saveSnapshotToDir } from '../../kine/snapshot/server-snapshots.js';
import { ensureServerToken } from '../../kine/snapshot/server-token.js';
import { dbPath, defaultDataDir } from './data-dir.js';

interface DirFlags {
  dataDir: string;
  dir?: string;
}

export function registerSnapshotCommand(program: Command): void {
  const snapshot = program.command('snapshot').description('save, list, delete and restore snapshots of the cluster state');

  snapshot
    .command('save')
    .description('save a snapshot (the store, its revision, the cluster CA and keys sealed with DIR/token)')
    .option('--data-dir <dir>', 'data directory of the server', defaultDataDir())
    .option('--name <name>', 'snapshot name prefix (file: NAME-NODE-UNIXTIME)', 'k8ts-snapshot')
    .option('--dir <dir>', 'directory to save into (default DIR/db/snapshots)')
    .option('--datastore-endpoint <urls>', 'snapshot this etcd cluster (etcd\'s own snapshot API) instead of DIR/db/state.db')
    .action(async (flags: DirFlags & { name: string; datastoreEndpoint?: string }) => {
      const req = { name: flags.name, ...(flags.dir ? { dir: resolve(flags.dir) } : {}) };
      let r: SaveResult | undefined = flags.datastoreEndpoint ? undefined : await requestSnapshot(controlSocketPath(flags.dataDir), req);
      if (!r) {
        const backend = await openBackend(flags);
        try {
          r = await saveSnapshotToDir({ backend, dataDir: flags.dataDir, token: ensureServerToken(flags.dataDir), node: hostname() }, req);
        } finally {
          await backend.close();
        }
      }
      process.stdout.write(`${r.path}\n`);
      process.stderr.write(`k8ts snapshot: saved revision ${r.revision} (${r.size} bytes)${r.secrets ? ', certificates and keys sealed with DIR/token' : ''}\n`);
    });

  snapshot
    .command('ls')
    .alias('list')
    .description('list the snapshots in DIR/db/snapshots (or --dir)')
    .option('--data-dir <dir>', 'data directory', defaultDataDir())
    .option('--dir <dir>', 'snapshot directory (default DIR/db/snapshots)')
    .option('-o, --output <format>', 'table or json', 'table')
    .action(async (flags: DirFlags & { output: string }) => {
      const entries = await listSnapshots(flags.dir ?? snapshotsDir(flags.dataDir));
      if (flags.output === 'json') {
        process.stdout.write(`${JSON.stringify(entries.map((e) => ({ name: e.name, path: e.path, size: e.size, ...(e.header ? { revision: e.header.revision, created: e.header.created, node: e.header.node } : { error: e.error }) })), null, 2)}\n`);
        return;
      }
      const rows = [['NAME', 'SIZE', 'CREATED', 'REVISION'], ...entries.map((e) => [e.name, String(e.size), e.header?.created ?? e.mtime.toISOString(), e.header ? String(e.header.revision) : `(${e.error})`])];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows) process.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')}\n`);
    });

  snapshot
    .command('delete <names...>')
    .description('delete snapshots by name from DIR/db/snapshots (or --dir)')
    .option('--data-dir <dir>', 'data directory', defaultDataDir())
    .option('--dir <dir>', 'snapshot directory (default DIR/db/snapshots)')
    .action((names: string[], flags: DirFlags) => {
      const dir = flags.dir ?? snapshotsDir(flags.dataDir);
      for (const n of names) {
        deleteSnapshot(dir, n);
        process.stdout.write(`deleted ${n}\n`);
      }
    });

  snapshot
    .command('restore <file>')
    .description('make DIR a data dir a server starts from as of the snapshot (also reads files saved by etcdctl snapshot save from k8ts kine)')
    .requiredOption('--data-dir <dir>', 'data directory to restore into (must be empty unless --force)')
    .option('--token <token>', 'the source server\'s token (its DIR/token); needed when the snapshot carries certificates and keys')
    .option('--force', 'replace the store, certificates and token of a non-empty data dir', false)
    .option('--bump-revision <n>', 'revisions to skip, so resourceVersions continue above anything the old cluster reached', String(DEFAULT_BUMP_REVISION))
    .action(async (file: string, flags: { dataDir: string; token?: string; force: boolean; bumpRevision: string }) => {
      if (!existsSync(file)) throw new SnapshotError(`snapshot: no such file ${file}`);
      const r = await restoreSnapshot({
        file,
        dataDir: flags.dataDir,
        force: flags.force,
        bumpRevision: Number(flags.bumpRevision),
        ...(flags.token ? { token: flags.token } : {}),
      });
      process.stderr.write(
        `k8ts snapshot: restored revision ${r.header.revision} of ${r.header.node} (${r.header.created}) into ${flags.dataDir}; ` +
          `the store continues at revision ${r.revision}${r.tlsFiles.length ? `, with the cluster CA and keys` : ', without certificates (new ones are made at start)'}\n` +
          `start it: k8ts server --data-dir ${flags.dataDir}\n`,
      );
    });
}

async function openBackend(flags: { dataDir: string; datastoreEndpoint?: string }): Promise<Backend> {
  if (flags.datastoreEndpoint) {
    const { EtcdBackend } = await import('../../kine/etcd/etcd-backend.js');
    return EtcdBackend.connect(flags.datastoreEndpoint);
  }
  const path = dbPath(flags.dataDir);
  if (!existsSync(path)) throw new SnapshotError(`snapshot: no store at ${path} (wrong --data-dir?)`);
  return new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 });
}

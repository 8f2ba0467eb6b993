// What `k8ts server` runs for snapshots: the control socket that `k8ts snapshot save` asks, and the
// scheduler of --snapshot-schedule/--snapshot-retention. One call at start, close() at stop.
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../backend.js';
import { controlSocketPath, listenControlSocket, type SaveRequest, type SaveResult } from './control-socket.js';
import { DEFAULT_SNAPSHOT_NAME, pruneSnapshots, snapshotFileName, snapshotsDir } from './local-files.js';
import { SnapshotScheduler, type SchedulerLog } from './scheduler.js';
import { saveSnapshot } from './take.js';

export interface SaveToDirOptions {
  backend: Backend;
  dataDir: string;
  token?: string;
  node?: string;
  now?: () => Date;
}

/** Take a snapshot of `backend` (with DIR/tls sealed under the token) into `dir`/`<name>-<node>-<unix time>`. */
export async function saveSnapshotToDir(o: SaveToDirOptions, req: SaveRequest = {}): Promise<SaveResult> {
  const now = o.now?.() ?? new Date();
  const node = o.node ?? hostname();
  const dir = req.dir ?? snapshotsDir(o.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, snapshotFileName(req.name ?? DEFAULT_SNAPSHOT_NAME, node, now));
  const r = await saveSnapshot(path, { backend: o.backend, tlsDir: join(o.dataDir, 'tls'), token: o.token, node, now: () => now });
  return { ...r, path };
}

export interface ServerSnapshotsOptions extends SaveToDirOptions {
  /** --snapshot-schedule: 5-field cron; undefined = no scheduled snapshots. */
  schedule?: string;
  /** --snapshot-retention: scheduled snapshots kept (default 5, as k3s). */
  retention?: number;
  log?: SchedulerLog;
}

export interface ServerSnapshots {
  socketPath: string;
  scheduler?: SnapshotScheduler;
  close(): Promise<void>;
}

export async function startServerSnapshots(o: ServerSnapshotsOptions): Promise<ServerSnapshots> {
  const socketPath = controlSocketPath(o.dataDir);
  mkdirSync(join(o.dataDir, 'db'), { recursive: true, mode: 0o700 });
  // Parse the schedule before listening, so that a bad one fails the start cleanly.
  const node = o.node ?? hostname();
  const scheduler = o.schedule
    ? new SnapshotScheduler({
        schedule: o.schedule,
        take: async () => (await saveSnapshotToDir({ ...o, node })).path,
        prune: () => pruneSnapshots(snapshotsDir(o.dataDir), `${DEFAULT_SNAPSHOT_NAME}-${node}-`, o.retention ?? 5),
        ...(o.log ? { log: o.log } : {}),
        ...(o.now ? { now: o.now } : {}),
      })
    : undefined;
  const server = await listenControlSocket(socketPath, (req) => saveSnapshotToDir({ ...o, node }, req));
  scheduler?.start();
  return {
    socketPath,
    ...(scheduler ? { scheduler } : {}),
    close: async () => {
      await scheduler?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

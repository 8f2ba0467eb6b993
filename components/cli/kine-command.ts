// `k8ts kine`: the store alone, served as an etcd v3 endpoint.
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { dbPath, defaultDataDir } from './data-dir.js';
import { createLogger } from './logger.js';

interface KineFlags {
  dataDir: string;
  listenClientUrls: string;
  maxRequestBytes: string;
  fsync: boolean;
  progressNotifyInterval: string;
}

export function registerKineCommand(program: Command): void {
  program
    .command('kine')
    .description('serve the embedded SQLite store as an etcd v3 gRPC endpoint')
    .option('--data-dir <dir>', 'data directory (the store is DIR/db/state.db)', defaultDataDir())
    .option('--listen-client-urls <urls>', 'comma-separated http:// URLs to serve on', 'http://127.0.0.1:2379')
    .option('--max-request-bytes <n>', 'largest key plus value accepted, in bytes', String(1.5 * 1024 * 1024))
    .option('--no-fsync', 'do not fsync each commit (survives a crash of k8ts, not of the machine)')
    .option('--progress-notify-interval <ms>', 'interval of watch progress notifications', '5000')
    .action(async (flags: KineFlags) => {
      const log = createLogger().child({ component: 'kine' });
      const path = dbPath(flags.dataDir);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const backend = new EmbeddedBackend({ path, fsync: flags.fsync, maxRequestBytes: Number(flags.maxRequestBytes) });
      // gRPC is loaded only by the commands that speak it (it costs ~100 ms of start-up).
      const { startKineServer } = await import('../../kine/grpc/server.js');
      const server = await startKineServer({
        backend,
        listenClientUrls: flags.listenClientUrls,
        maxReceiveBytes: Number(flags.maxRequestBytes) + 64 * 1024,
        progressNotifyIntervalMs: Number(flags.progressNotifyInterval),
      });
      log.info({ urls: server.urls, db: path, revision: backend.log.revision }, 'serving the etcd v3 API');
      process.stderr.write(`k8ts kine ready: etcdctl --endpoints ${server.urls.join(',')} endpoint status\n`);
      const stop = async (signal: string) => {
        log.info({ signal }, 'stopping');
        await server.close();
        await backend.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
}

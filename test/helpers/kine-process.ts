// Starts `k8ts kine` on a free loopback port (see k8ts-process.ts).
import type { ChildProcess } from 'node:child_process';
import { startK8ts } from './k8ts-process.js';

export { K8TS } from './k8ts-process.js';

export interface KineProcess {
  child: ChildProcess;
  /** host:port, the form etcdctl takes. */
  endpoint: string;
  dataDir: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startKine(options: { dataDir?: string; args?: string[] } = {}): Promise<KineProcess> {
  const p = await startK8ts({
    command: 'kine',
    args: ['--listen-client-urls', 'http://127.0.0.1:0', ...(options.args ?? [])],
    ready: /k8ts kine ready: etcdctl --endpoints http:\/\/(\S+)/,
    dataDir: options.dataDir,
  });
  return { child: p.child, endpoint: p.ready, dataDir: p.dataDir, stderr: p.stderr, stop: p.stop };
}

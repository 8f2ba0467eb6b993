// Starts `k8ts server` (the built dist/k8ts.js) on a free port in a temporary data dir, and stops it
// (removing the dir) at teardown. Returns the admin kubeconfig the server wrote.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startK8ts } from './k8ts-process.js';

export interface ServerProcess {
  child: ChildProcess;
  dataDir: string;
  kubeconfig: string;
  server: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(options: { dataDir?: string; args?: string[] } = {}): Promise<ServerProcess> {
  const p = await startK8ts({
    command: 'server',
    args: ['--https-listen-port', '0', '--bind-address', '127.0.0.1', ...(options.args ?? [])],
    ready: /k8ts server ready/,
    dataDir: options.dataDir,
  });
  // The kubeconfig is written before the ready line (the log line naming the server may come later).
  const kubeconfig = join(p.dataDir, 'kubeconfig.yaml');
  const server = /server: (https:\/\/\S+)/.exec(readFileSync(kubeconfig, 'utf8'))?.[1] ?? '';
  return { child: p.child, dataDir: p.dataDir, kubeconfig, server, stderr: p.stderr, stop: p.stop };
}

/** kubectl 1.<minor>: the binaries beside the target of the /usr/bin/kubectl dispatcher, if present. */
export function kubectlBinary(minor: number): string | undefined {
  const dirs = existsSync('/usr/bin/kubectl') ? [dirname(realpathSync('/usr/bin/kubectl'))] : [];
  for (const dir of [...dirs, '/usr/bin', '/usr/local/bin']) {
    const path = `${dir}/kubectl.1.${minor}`;
    if (existsSync(path)) return path;
  }
  return undefined;
}

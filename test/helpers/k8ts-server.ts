// Starts `k8ts server` (the built dist/k8ts.js) on a free port in a temporary data dir, and stops it
// (removing the dir) at teardown. Returns the admin kubeconfig the server wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { K8TS } from './kine-process.js';

export interface ServerProcess {
  child: ChildProcess;
  dataDir: string;
  kubeconfig: string;
  server: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(options: { dataDir?: string; args?: string[] } = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'k8ts-server-'));
  const child = spawn(
    process.execPath,
    [K8TS, 'server', '--data-dir', dataDir, '--https-listen-port', '0', '--bind-address', '127.0.0.1', ...(options.args ?? [])],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.setEncoding('utf8');
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      if (err.includes('k8ts server ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`k8ts server exited with ${code} before it was ready:\n${err}`)));
  });
  await ready;
  const server = /"server":"(https:\/\/[^"]+)"/.exec(err)?.[1] ?? '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    dataDir,
    kubeconfig: join(dataDir, 'kubeconfig.yaml'),
    server,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
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

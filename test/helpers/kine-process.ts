// Starts `k8ts kine` (the built dist/k8ts.js) as a child process on a free loopback port, in its own
// temporary data dir, and stops it (and removes the dir) at teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const K8TS = resolve(import.meta.dirname, '../../dist/k8ts.js');

export interface KineProcess {
  child: ChildProcess;
  /** host:port, the form etcdctl takes. */
  endpoint: string;
  dataDir: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startKine(options: { dataDir?: string; args?: string[] } = {}): Promise<KineProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'k8ts-kine-'));
  const child = spawn(
    process.execPath,
    [K8TS, 'kine', '--data-dir', dataDir, '--listen-client-urls', 'http://127.0.0.1:0', ...(options.args ?? [])],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.setEncoding('utf8');
  const ready = new Promise<string>((resolvePromise, reject) => {
    const onData = (chunk: string) => {
      err += chunk;
      const m = /k8ts kine ready: etcdctl --endpoints http:\/\/(\S+)/.exec(err);
      if (m) resolvePromise(m[1]!);
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`k8ts kine exited with ${code} before it was ready:\n${err}`)));
  });
  const endpoint = await ready;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    endpoint,
    dataDir,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

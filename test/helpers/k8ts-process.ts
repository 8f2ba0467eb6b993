// Runs a `k8ts` command (the built dist/k8ts.js) as a child process until it prints its ready line on
// stderr, in its own temporary data dir unless given one; stop() ends it and removes that dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const K8TS = resolve(import.meta.dirname, '../../dist/k8ts.js');

export interface K8tsProcess {
  child: ChildProcess;
  dataDir: string;
  /** The first capture group of the ready pattern. */
  ready: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startK8ts(o: { command: string; args: string[]; ready: RegExp; dataDir?: string }): Promise<K8tsProcess> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), `k8ts-${o.command}-`));
  const child = spawn(process.execPath, [K8TS, o.command, '--data-dir', dataDir, ...o.args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  const ready = await new Promise<string>((resolvePromise, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const m = o.ready.exec(err);
      if (m) resolvePromise(m[1] ?? m[0]);
    });
    child.once('exit', (code) => reject(new Error(`k8ts ${o.command} exited with ${code} before it was ready:\n${err}`)));
  });
  const exited = new Promise<number | null>((r) => {
    if (child.exitCode !== null || child.signalCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });
  return {
    child,
    dataDir,
    ready,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

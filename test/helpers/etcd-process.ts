// Starts Debian's real etcd (one member) in a temp dir on free loopback ports for a test, and kills it
// and removes its dir at teardown, whatever happened (also if the runner ends the process early).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdBackend } from '../../kine/etcd/etcd-backend.js';

/** Debian's etcd; K8TS_TEST_ETCD points elsewhere. */
export const ETCD = process.env.K8TS_TEST_ETCD ?? '/usr/bin/etcd';
const SETPRIV = '/usr/bin/setpriv';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Remove data dirs left by runs that were killed outright (their pid is gone). */
async function sweepStaleDirs(): Promise<void> {
  for (const entry of await readdir(tmpdir())) {
    const pid = /^k8ts-etcd-(\d+)-/.exec(entry)?.[1];
    if (!pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') await rm(join(tmpdir(), entry), { recursive: true, force: true });
    }
  }
}

/** Start a one-member etcd; registers teardown (kill, remove the data dir) before anything can fail. */
export async function startEtcd(t: { teardown(fn: () => unknown): void }): Promise<{ url: string }> {
  await sweepStaleDirs();
  const dir = await mkdtemp(join(tmpdir(), `k8ts-etcd-${process.pid}-`));
  let child: ChildProcess | undefined;
  const exited = () => child?.exitCode !== null || child?.signalCode !== null;
  t.teardown(async () => {
    if (child && !exited()) {
      const gone = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
    await rm(dir, { recursive: true, force: true });
  });
  // Should the runner end this process before teardown (a timeout), still leave nothing behind.
  process.once('exit', () => {
    if (child && !exited()) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const [client, peer] = [await freePort(), await freePort()];
  const name = `k8ts-test-${process.pid}-${client}`;
  const url = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  let log = '';
  const etcdArgs = [
    `--name=${name}`,
    `--data-dir=${join(dir, 'data')}`,
    `--listen-client-urls=${url}`,
    `--advertise-client-urls=${url}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=${name}=${peerUrl}`,
    `--initial-cluster-token=${name}`,
    '--initial-cluster-state=new',
    '--logger=zap',
    '--log-level=error',
  ];
  // setpriv makes the kernel kill etcd should this process die without teardown (tap's timeout is a SIGALRM).
  const guard = existsSync(SETPRIV) ? [SETPRIV, '--pdeathsig', 'KILL', '--'] : [];
  const [command, ...args] = [...guard, ETCD, ...etcdArgs] as [string, ...string[]];
  child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited()) throw new Error(`etcd exited (${child.exitCode ?? child.signalCode}): ${log}`);
    try {
      const b = await EtcdBackend.connect(url, { connectTimeoutMs: 500 });
      await b.close();
      return { url };
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`etcd did not answer at ${url} within 20 s: ${err}\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

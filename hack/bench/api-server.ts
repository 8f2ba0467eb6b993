// The API benchmark's server side (api.ts): `k8ts server` as a child process, the start-up floor, and the
// /proc readings of CPU and memory (of the server, the baseline child and the whole machine).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { alive, children, msSince, now, statCpu, tailOf } from './support.js';

/** CPU seconds (user + system) of a process, all its threads and its main thread (the event loop). */
export interface Cpu {
  all: number;
  main: number;
}

/** CPU of a child process, from /proc (Linux). */
export function procCpu(pid: number | undefined): () => Cpu {
  return () => (pid === undefined ? { all: NaN, main: NaN } : { all: statCpu(`/proc/${pid}/stat`), main: statCpu(`/proc/${pid}/task/${pid}/stat`) });
}

/** CPU seconds used by the whole machine so far (all cpus, everything but idle and iowait), from /proc/stat. */
export function machineBusy(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
  } catch {
    return NaN;
  }
}

/** VmRSS and VmHWM (peak) of a process in MiB, from /proc/PID/status. */
export interface Mem {
  rss: number;
  hwm: number;
  /** RssAnon: heap (V8, malloc: what the process allocated); the rest of RSS is mapped files and shared memory. */
  anon: number;
}

export function procMem(pid: number | undefined): Mem {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024, anon: kib('RssAnon') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN, anon: NaN };
  }
}

interface K8tsServer {
  child: ChildProcess;
  dataDir: string;
  /** Spawn to ready line, ms. */
  startMs: number;
  stderr: () => string;
}

/**
 * `k8ts server` on a free loopback port; resolves at its ready line (the time the benchmark reports).
 * `k8ts` is the built CLI (support.ts's k8tsBin, from the benchmark's own directory).
 */
export async function startK8ts(k8ts: string, dataDir: string, nodeArgs: string[], serverArgs: string[] = []): Promise<K8tsServer> {
  const t = now();
  const child = spawn(
    process.execPath,
    [...nodeArgs, k8ts, 'server', '--data-dir', dataDir, '--https-listen-port', '0', '--bind-address', '127.0.0.1', ...serverArgs],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  const stderr = tailOf(child);
  const startMs = await new Promise<number>((resolveReady, reject) => {
    const onData = () => {
      if (stderr().includes('k8ts server ready')) {
        const ms = msSince(t);
        child.stderr!.off('data', onData);
        resolveReady(ms);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code, sig) => reject(new Error(`k8ts server exited (${code ?? sig}) before it was ready:\n${stderr()}`)));
    setTimeout(() => reject(new Error(`k8ts server not ready after 30 s:\n${stderr()}`)), 30_000).unref();
  });
  return { child, dataDir, startMs, stderr };
}

/** The floor for start-up: a bare `node` that prints one line to stderr. */
export async function nodeFloorMs(): Promise<number> {
  const t = now();
  const child = spawn(process.execPath, ['-e', 'process.stderr.write("ready\\n")'], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  const ms = await new Promise<number>((r) => child.stderr!.once('data', () => r(msSince(t))));
  await new Promise((r) => (alive(child) ? child.once('exit', r) : r(undefined)));
  children.delete(child);
  return ms;
}

// What the benchmarks in hack/bench (kine.ts, api.ts) share: the clock, temp dirs and child processes that
// are cleaned up however the run ends, CPU from /proc, percentiles, and the pieces of the printed report.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export const now = () => process.hrtime.bigint();
export const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

// ---------------------------------------------------------------------------------------------------
// Cleanup: every child and temp dir is registered here and removed at the end, on error and on SIGINT.

/** The child processes to stop at the end; `stopChild` takes one out. */
export const children = new Set<ChildProcess>();
const dirs = new Set<string>();
const closers: Array<() => unknown> = [];

export function tempDir(tag: string): string {
  const d = mkdtempSync(join(tmpdir(), `k8ts-bench-${tag}-`));
  dirs.add(d);
  return d;
}

export function removeDir(d: string): void {
  rmSync(d, { recursive: true, force: true });
  dirs.delete(d);
}

export function alive(c: ChildProcess): boolean {
  return c.exitCode === null && c.signalCode === null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with the time the child took to exit, ms. */
export async function stopChild(c: ChildProcess, graceMs = 10_000): Promise<number> {
  const t = now();
  if (alive(c)) {
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => alive(c) && c.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  children.delete(c);
  return msSince(t);
}

/** Runs `close` at cleanup, before the children are stopped (the latest registered first; errors ignored). */
export function atCleanup(close: () => unknown): void {
  closers.push(close);
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // the run is over; what is left is stopped and removed below
      }
    }
    await Promise.all([...children].map((c) => stopChild(c, 2000)));
    for (const d of [...dirs]) removeDir(d);
  })();
  return cleaning;
}

/**
 * Runs a benchmark's `main` and exits with its code, after the cleanup: 1 when it throws (the stack on
 * stderr as `name: ...`), 130 on SIGINT or SIGTERM (which clean up at once).
 */
export function runBenchmark(name: string, main: () => Promise<number>): void {
  process.on('exit', () => {
    // Last resort (an exit that skipped cleanup): nothing may outlive the benchmark.
    for (const c of children) if (alive(c)) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      interrupted = true;
      process.stderr.write(`\n${name}: ${sig}, cleaning up\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  main()
    .then(async (code) => {
      await cleanup();
      process.exit(interrupted ? 130 : code);
    })
    .catch(async (err) => {
      // After SIGINT the workloads fail as their servers go away; the signal handler reports and exits.
      if (!interrupted) process.stderr.write(`${name}: ${(err as Error).stack ?? err}\n`);
      await cleanup();
      process.exit(interrupted ? 130 : 1);
    });
}

// ---------------------------------------------------------------------------------------------------
// Processes

/** CPU seconds (user + system) used so far by this process. */
export function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds (utime + stime) in a /proc stat file (/proc/PID/stat or a thread's), NaN when unreadable. */
export function statCpu(path: string): number {
  const tick = 100; // USER_HZ on Linux
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
  } catch {
    return NaN;
  }
}

/** The last 16 KiB of a child's stderr, for error messages. */
export function tailOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    text = (text + chunk).slice(-16_384);
  });
  return () => text;
}

/**
 * The built CLI: beside the benchmark's bundle, or in dist/ of the repository when it runs from source.
 * `dir` is the benchmark's own import.meta.dirname (dist/ or hack/bench/; not this module's, which the
 * build may put in a shared chunk).
 */
export function k8tsBin(dir: string): string {
  const candidates = [resolve(dir, 'k8ts.js'), resolve(dir, '../../dist/k8ts.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`dist/k8ts.js not found (looked at ${candidates.join(', ')}); run node hack/build.mjs`);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Figures

/** One row of a report: one workload on one system. */
export interface Result {
  system: string;
  workload: string;
  opsPerSec: number;
  p50: number;
  p99: number;
  note: string;
  /** Server CPU over the measured wall time (100% = one core). */
  serverCpu: number;
  /** This process's CPU (the client) over the measured wall time. */
  clientCpu: number;
  failures: number;
}

export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

export function median(xs: number[]): number {
  return percentile(sortedCopy(xs), 0.5);
}

/** The figures of a few timed runs of one operation (ms each): ops/s at the median, p50 the median, p99 the slowest. */
export function fromRunTimes(times: number[]): Pick<Result, 'opsPerSec' | 'p50' | 'p99'> {
  const sorted = sortedCopy(times);
  const p50 = percentile(sorted, 0.5);
  return { opsPerSec: 1000 / p50, p50, p99: sorted[sorted.length - 1]! };
}

// ---------------------------------------------------------------------------------------------------
// Report

export function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '-';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The report's first line. */
export function title(what: string, quick: boolean): string {
  return `${what}${quick ? ' (--quick: smoke-run sizes, figures not meaningful)' : ''}`;
}

const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** The machine, node and temp dir lines of the report; `versions` ends the node line (what else runs). */
export function machine(versions: string): string {
  const cpu = cpus();
  const fs = spawnSync('df', ['-T', tmpdir()], { encoding: 'utf8' }).stdout?.split('\n')[1]?.split(/\s+/)[1] ?? '?';
  return [
    `machine:  ${cpu.length} cpus (${cpu[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, Linux ${release()}`,
    `node:     ${process.version}    ${versions}`,
    `temp dir: ${tmpdir()} (${fs})    load average at start: ${loadAverage()}`,
  ].join('\n');
}

/** The report's last line. */
export function totalTime(started: bigint): string {
  return `total time ${fmt(Number(now() - started) / 1e9, 1)} s; load average at end: ${loadAverage()}`;
}

/** A CPU share as a percentage of one core, '-' when not measured. */
export function cpuPercent(x: number): string {
  return Number.isFinite(x) ? `${fmt(x * 100, 0)}%` : '-';
}

/**
 * The results as a text table: system, workload, ops/s, p50 and p99, then `serverColumns` (head and cell),
 * bench cpu and notes; the figures right-aligned, a blank line where the system changes.
 */
export function resultTable<R extends Result>(results: R[], serverColumns: Array<[string, (r: R) => string]>): string {
  const head = ['system', 'workload', 'ops/s', 'p50 ms', 'p99 ms', ...serverColumns.map(([h]) => h), 'bench cpu', 'notes'];
  const rows = results.map((r) => [
    r.system,
    r.workload,
    fmt(r.opsPerSec, 0),
    fmt(r.p50, 3),
    fmt(r.p99, 3),
    ...serverColumns.map(([, cell]) => cell(r)),
    `${fmt(r.clientCpu * 100, 0)}%`,
    r.note,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const right = (i: number) => i >= 2 && i < head.length - 1;
  const line = (cells: string[]) =>
    cells.map((c, i) => (right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  let last = '';
  for (const [i, row] of rows.entries()) {
    if (last && results[i]!.system !== last) out.push('');
    last = results[i]!.system;
    out.push(line(row));
  }
  return out.join('\n');
}

export function find<R extends Result>(results: R[], system: string, workload: string): R | undefined {
  return results.find((r) => r.system.startsWith(system) && r.workload.startsWith(workload));
}

/** A target's mark: met, missed, or not measured (undefined). */
export function mark(ok: boolean | undefined): string {
  return ok === undefined ? '[n/a ]' : ok ? '[PASS]' : '[FAIL]';
}

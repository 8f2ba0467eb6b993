// The API benchmark's measured runs (api.ts puts them in order): `drive` sends n requests at a concurrency
// and times each, `pooled` makes one report row of several runs, `lists` times whole and paged lists; the
// server's CPU is read around each run.
import { call, prime, type Client } from './api-client.js';
import type { Cpu } from './api-server.js';
import { fmt, fromRunTimes, msSince, now, ownCpu, percentile, type Result as BaseResult } from './support.js';

export interface Result extends BaseResult {
  /** Server CPU over the measured wall time, for the server's main thread alone (100% = its event loop never waited). */
  serverMain: number;
}

/**
 * Every measured run's start and end on CLOCK_MONOTONIC in µs (process.hrtime), the clock of V8's
 * .cpuprofile timestamps: written beside a server profile to cut it into workloads.
 */
export const windows: Array<{ label: string; startUs: number; endUs: number }> = [];

async function measured<T>(serverCpu: () => Cpu, fn: () => Promise<T>, label: string) {
  const s0 = serverCpu();
  const c0 = ownCpu();
  const t0 = now();
  const value = await fn();
  const t1 = now();
  windows.push({ label, startUs: Number(t0 / 1000n), endUs: Number(t1 / 1000n) });
  const wall = Number(t1 - t0) / 1e9;
  const s1 = serverCpu();
  return { value, wall, serverCpu: (s1.all - s0.all) / wall, serverMain: (s1.main - s0.main) / wall, clientCpu: (ownCpu() - c0) / wall };
}

let firstError: string | undefined;

/** The first failed request of the run, for the report; undefined when all succeeded. */
export function firstFailure(): string | undefined {
  return firstError;
}

/** A ConfigMap with about 1 KiB of data. */
export function configMap(namespace: string, name: string, i: number): Buffer {
  const head = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { app: 'bench', shard: String(i % 16) } } };
  const line = `key-${i}=value-${i};`;
  return Buffer.from(JSON.stringify({ ...head, data: { 'config.properties': line.repeat(Math.ceil(1024 / line.length)).slice(0, 1024) } }));
}

/** One measured run's raw figures; runs of the same workload are pooled by `pooled`. */
export interface Run {
  latency: Float64Array;
  wall: number;
  serverCpuSec: number;
  serverMainSec: number;
  clientCpuSec: number;
  failures: number;
}

export type Req = { method: string; path: string; body?: Buffer };

/**
 * `n` requests from `concurrency` workers on one keep-alive agent (`concurrency` sockets, opened before the
 * clock starts). `make(i)` gives request i; `expect` the status that counts as success.
 */
export async function drive(c: Client, label: string, n: number, concurrency: number, serverCpu: () => Cpu, expect: number, make: (i: number) => Req): Promise<Run> {
  await prime(c, concurrency);
  const latency = new Float64Array(n);
  let next = 0;
  let failures = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const r = make(i);
      const t = now();
      try {
        const reply = await call(c, r.method, r.path, r.body);
        latency[i] = msSince(t);
        if (reply.status !== expect) {
          failures++;
          firstError ??= `${label}: ${r.method} ${r.path} answered ${reply.status}: ${reply.body.toString().slice(0, 300)}`;
        }
      } catch (err) {
        latency[i] = msSince(t);
        failures++;
        firstError ??= `${label}: ${r.method} ${r.path}: ${(err as Error).message}`;
      }
    }
  };
  const m = await measured(serverCpu, () => Promise.all(Array.from({ length: concurrency }, worker)), label);
  return { latency, wall: m.wall, serverCpuSec: m.serverCpu * m.wall, serverMainSec: m.serverMain * m.wall, clientCpuSec: m.clientCpu * m.wall, failures };
}

/** Runs of one workload as one result: throughput over their summed wall time, percentiles over all requests. */
export function pooled(system: string, workload: string, runs: Run[]): Result {
  const n = runs.reduce((x, r) => x + r.latency.length, 0);
  const wall = runs.reduce((x, r) => x + r.wall, 0);
  const failures = runs.reduce((x, r) => x + r.failures, 0);
  const all = new Float64Array(n);
  let at = 0;
  for (const r of runs) {
    all.set(r.latency, at);
    at += r.latency.length;
  }
  const sorted = all.sort();
  const perRound = runs.length > 1 ? ` rounds=${runs.map((r) => fmt((r.latency.length - r.failures) / r.wall / 1000, 1) + 'k').join('/')}` : '';
  return {
    system,
    workload,
    opsPerSec: (n - failures) / wall,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    note: `n=${n}${failures ? ` FAILED=${failures}` : ''} max=${fmt(sorted[n - 1]!, 1)}ms${perRound}`,
    serverCpu: runs.reduce((x, r) => x + r.serverCpuSec, 0) / wall,
    serverMain: runs.reduce((x, r) => x + r.serverMainSec, 0) / wall,
    clientCpu: runs.reduce((x, r) => x + r.clientCpuSec, 0) / wall,
    failures,
  };
}

export const CM_PATH = '/api/v1/namespaces/default/configmaps';

/** Whole and paged lists of the configmaps in `default`; `expected` items each time. */
export async function lists(c: Client, system: string, sizes: { listRuns: number; pagedRuns: number }, expected: number, serverCpu: () => Cpu): Promise<Result[]> {
  let bytes = 0;
  const full = async () => {
    const r = await call(c, 'GET', CM_PATH);
    bytes = r.body.length;
    return { status: r.status, count: r.status === 200 ? (JSON.parse(r.body.toString()) as { items: unknown[] }).items.length : 0, ms: 0 };
  };
  let pages = 0;
  const paged = async () => {
    let token: string | undefined;
    let count = 0;
    pages = 0;
    for (;;) {
      const r = await call(c, 'GET', `${CM_PATH}?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      pages++;
      if (r.status !== 200) return { status: r.status, count };
      const list = JSON.parse(r.body.toString()) as { items: unknown[]; metadata: { continue?: string } };
      count += list.items.length;
      token = list.metadata.continue;
      if (!token) return { status: 200, count };
    }
  };
  const out: Result[] = [];
  for (const [label, fn, runs] of [
    ['list whole', full, sizes.listRuns],
    ['list paged/500', paged, sizes.pagedRuns],
  ] as const) {
    await fn(); // warm
    const times: number[] = [];
    let wrong = 0;
    const m = await measured(serverCpu, async () => {
      for (let i = 0; i < runs; i++) {
        const t = now();
        const r = await fn();
        // The client's JSON.parse is inside the time; it is what any client pays (a few % of it).
        times.push(msSince(t));
        if (r.status !== 200 || r.count !== expected) {
          wrong++;
          firstError ??= `${system} ${label}: status ${r.status}, ${r.count} items, expected ${expected}`;
        }
      }
    }, `${system} ${label}`);
    const figures = fromRunTimes(times);
    out.push({
      system,
      workload: `${label} ${fmt(expected / 1000, 1)}k`,
      ...figures,
      note:
        `${runs} runs, p99=slowest, ${label === 'list whole' ? `${fmt(bytes / 2 ** 20, 1)} MiB` : `${pages} pages`}, ` +
        `${fmt((expected * 1000) / figures.p50, 0)} items/s${wrong ? ` WRONG=${wrong}` : ''}`,
      serverCpu: m.serverCpu,
      serverMain: m.serverMain,
      clientCpu: m.clientCpu,
      failures: wrong,
    });
  }
  return out;
}

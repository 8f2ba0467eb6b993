// The kine benchmark's workloads (kine.ts runs them on each store of kine-stores.ts): CAS creates, a list
// whole and paged, and watch delivery of sequential puts; each returns its row of the report.
import { fmt, fromRunTimes, msSince, now, ownCpu, percentile, sortedCopy, type Result } from './support.js';
import type { Store } from './kine-stores.js';

/** A Pod-like JSON object of about 1 KiB. */
function podValue(namespace: string, name: string, i: number): Buffer {
  const obj = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace,
      uid: `6f1a${i.toString(16).padStart(8, '0')}-3c2b-4d5e-9f80-1a2b3c4d5e6f`,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'bench', 'pod-template-hash': '5d7f8c9b6d', tier: 'backend' },
      annotations: { 'kubernetes.io/config.seen': '2025-01-01T00:00:00.000000000Z' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'bench-5d7f8c9b6d', uid: 'a1b2c3d4-e5f6-4789-a012-b3c4d5e6f789', controller: true }],
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.k8s.io/pause:3.9',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          terminationMessagePath: '/dev/termination-log',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  };
  const s = JSON.stringify(obj);
  return Buffer.from(s.slice(0, -1) + `,"pad":"${'x'.repeat(Math.max(0, 1024 - s.length - 9))}"}`);
}

function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  end[end.length - 1]!++;
  return end;
}

/** Run `fn` under CPU accounting: returns its wall time and the CPU shares of server and this process. */
async function measured<T>(store: Store, fn: () => Promise<T>) {
  const s0 = store.serverCpu();
  const c0 = ownCpu();
  const t0 = now();
  const value = await fn();
  const wall = Number(now() - t0) / 1e9;
  return { value, wall, serverCpu: (store.serverCpu() - s0) / wall, clientCpu: (ownCpu() - c0) / wall };
}

let firstError: string | undefined;

/** The first failed operation of the run, for the report; undefined when all succeeded. */
export function firstFailure(): string | undefined {
  return firstError;
}

export async function creates(store: Store, system: string, namespace: string, n: number, concurrency: number): Promise<Result> {
  const latency = new Float64Array(n);
  let next = 0;
  let failures = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const name = `pod-${i}`;
      const key = Buffer.from(`/registry/pods/${namespace}/${name}`);
      const value = podValue(namespace, name, i);
      const t = now();
      try {
        if (!(await store.create(key, value))) {
          failures++;
          firstError ??= `${system}: create of ${key} did not succeed (key existed)`;
        }
      } catch (err) {
        failures++;
        firstError ??= `${system}: create of ${key}: ${(err as Error).message}`;
      }
      latency[i] = msSince(t);
    }
  };
  const m = await measured(store, () => Promise.all(Array.from({ length: concurrency }, worker)));
  const sorted = sortedCopy(latency);
  return {
    system,
    workload: `create c=${concurrency}`,
    opsPerSec: (n - failures) / m.wall,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    note: `n=${n} failed=${failures} max=${fmt(sorted[n - 1]!, 1)}ms`,
    serverCpu: m.serverCpu,
    clientCpu: m.clientCpu,
    failures,
  };
}

/** `sizes.listKeys` keys loaded under one prefix, then listed whole and paged, `sizes.listRuns` times each. */
export async function lists(store: Store, system: string, sizes: { listKeys: number; listRuns: number }): Promise<Result[]> {
  const prefix = Buffer.from('/registry/configmaps/bench-list/');
  const end = prefixEnd(prefix);
  const n = sizes.listKeys;
  // Load at concurrency 32, not measured.
  let next = 0;
  let loadFailures = 0;
  const load = async () => {
    for (let i = next++; i < n; i = next++) {
      const name = `cm-${String(i).padStart(6, '0')}`;
      await store.put(Buffer.concat([prefix, Buffer.from(name)]), podValue('bench-list', name, i)).catch((err) => {
        loadFailures++;
        firstError ??= `${system}: list load put: ${(err as Error).message}`;
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, load));

  const full = async () => {
    const r = await store.range(prefix, end, 0, 0);
    return r.count;
  };
  const paged = async () => {
    // As kube-apiserver pages: limit 500, continue from the last key + "\0", later pages at the first page's revision.
    let key = prefix;
    let revision = 0;
    let total = 0;
    for (;;) {
      const r = await store.range(key, end, 500, revision);
      total += r.count;
      revision = r.revision;
      if (!r.more || !r.lastKey) return total;
      key = Buffer.concat([r.lastKey, Buffer.from([0])]);
    }
  };
  const out: Result[] = [];
  for (const [label, fn] of [
    ['list full', full],
    ['list paged/500', paged],
  ] as const) {
    await fn(); // warm
    const times: number[] = [];
    let wrong = 0;
    const m = await measured(store, async () => {
      for (let i = 0; i < sizes.listRuns; i++) {
        const t = now();
        const count = await fn();
        times.push(msSince(t));
        if (count !== n) {
          wrong++;
          firstError ??= `${system}: ${label} returned ${count} keys, expected ${n}`;
        }
      }
    });
    out.push({
      system,
      workload: `${label} ${n / 1000}k`,
      ...fromRunTimes(times),
      note: `${sizes.listRuns} runs, p99=slowest${wrong + loadFailures ? ` WRONG=${wrong} loadfail=${loadFailures}` : ''}`,
      serverCpu: m.serverCpu,
      clientCpu: m.clientCpu,
      failures: wrong + loadFailures,
    });
  }
  return out;
}

export async function watchDelivery(store: Store, system: string, n: number): Promise<Result> {
  const prefix = Buffer.from('/registry/events/bench-watch/');
  const sent = new Map<string, bigint>();
  const latency: number[] = [];
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((r) => (allArrived = r));
  const cancel = await store.watch(prefix, prefixEnd(prefix), (key, at) => {
    const k = key.toString('latin1');
    const t = sent.get(k);
    if (t === undefined) return;
    sent.delete(k);
    latency.push(Number(at - t) / 1e6);
    if (latency.length === n) allArrived();
  });
  let failures = 0;
  const m = await measured(store, async () => {
    for (let i = 0; i < n; i++) {
      const name = `ev-${i}`;
      const key = Buffer.concat([prefix, Buffer.from(name)]);
      const value = podValue('bench-watch', name, i);
      sent.set(key.toString('latin1'), now());
      await store.put(key, value).catch((err) => {
        failures++;
        firstError ??= `${system}: watch put: ${(err as Error).message}`;
      });
    }
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 10_000).unref())]);
  });
  cancel();
  const missing = n - latency.length - failures;
  if (missing > 0) firstError ??= `${system}: ${missing} watch events never arrived`;
  const sorted = sortedCopy(latency);
  return {
    system,
    workload: 'watch delivery',
    opsPerSec: n / m.wall,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    note: `n=${n} sequential puts, max=${fmt(sorted[sorted.length - 1]!, 1)}ms${missing + failures ? ` MISSING=${missing} failed=${failures}` : ''}`,
    serverCpu: m.serverCpu,
    clientCpu: m.clientCpu,
    failures: missing + failures,
  };
}

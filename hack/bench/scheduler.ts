// The scheduler benchmark (`npm run bench:scheduler`): an apiserver in this process over an in-memory
// store, N plain Node objects (100, then 1,000), 1,000 pending pods, then the scheduler started: how
// many pods per second it places and binds, the p99 of one scheduling cycle (pop → decided and assumed)
// and of pop → bound (which includes waiting behind the bindings in flight). The baseline,
// measured in the same run on the same store size, binds the same number of pods round-robin through
// the same pods/binding API with no scheduling decision: the floor the write path sets. A third figure
// is the pure decision (findPlacement on a snapshot, with the pod counted on its node afterwards).
//
// Flags: --quick (100 pods, fewer nodes), --pods N.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapObjects } from '../../apiserver/bootstrap.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import { createApiServer, type ApiServer, type LocalApi } from '../../apiserver/server.js';
import { ensureClusterCerts } from '../../apiserver/tls/cluster-certs.js';
import { Client } from '../../components/client/client.js';
import { realClock } from '../../components/client/clock.js';
import { EventRecorder } from '../../components/client/event-recorder.js';
import { SharedInformerFactory } from '../../components/client/shared-informer-factory.js';
import { InProcessTransport } from '../../components/client/transport-in-process.js';
import { findPlacement } from '../../components/scheduler/core/schedule-one.js';
import type { Node, Pod } from '../../components/scheduler/framework/api-types.js';
import { addPod } from '../../components/scheduler/framework/node-info.js';
import { buildSnapshot } from '../../components/scheduler/framework/snapshot.js';
import { defaultProfile } from '../../components/scheduler/plugins/default-plugins.js';
import { Scheduler } from '../../components/scheduler/scheduler.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { fmt, machine, msSince, now, percentile, runBenchmark, sortedCopy, title, totalTime } from './support.js';

const quick = process.argv.includes('--quick');
const podsArg = process.argv.indexOf('--pods');
const PODS = podsArg > 0 ? Number(process.argv[podsArg + 1]) : quick ? 100 : 1000;
const NODE_COUNTS = quick ? [10, 100] : [100, 1000];
const ADMIN = { name: 'system:admin', groups: ['system:masters'] };

const node = (i: number): Node =>
  ({
    metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: {},
    status: { capacity: { cpu: '32', memory: '128Gi', pods: '110' }, allocatable: { cpu: '32', memory: '128Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }) as unknown as Node;

const pod = (i: number): Pod =>
  ({
    metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 10}` } },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  }) as unknown as Pod;

async function cluster(nodes: number): Promise<{ api: ApiServer; admin: LocalApi; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-bench-scheduler-'));
  const certs = await ensureClusterCerts(join(dir, 'tls'), { hostnames: [], ips: [] });
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  const api = createApiServer({ registry: new Registry(builtinResources), backend, tls: { cert: certs.servingCert, key: certs.servingKey, ca: certs.caCert }, advertiseAddress: '127.0.0.1:6443' });
  await bootstrapObjects(api.store);
  await api.listen(0, '127.0.0.1');
  const admin = api.local(ADMIN);
  const must = async (r: Promise<{ status: number; body?: unknown }>) => {
    const res = await r;
    if (res.status >= 300) throw new Error(JSON.stringify(res.body));
  };
  for (let i = 0; i < nodes; i++) await must(admin.request({ method: 'POST', path: '/api/v1/nodes', body: node(i) }));
  for (let i = 0; i < PODS; i++) await must(admin.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod(i) }));
  return {
    api,
    admin,
    close: async () => {
      await api.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The floor: bind every pod round-robin through pods/binding, one at a time, as the scheduler binds. */
async function baseline(nodes: number): Promise<{ podsPerSec: number; p99: number }> {
  const c = await cluster(nodes);
  const scheduler = c.api.local({ name: 'system:kube-scheduler', groups: [] });
  const times: number[] = [];
  const t0 = now();
  for (let i = 0; i < PODS; i++) {
    const t = now();
    const r = await scheduler.request({ method: 'POST', path: `/api/v1/namespaces/default/pods/pod-${i}/binding`, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: `pod-${i}` }, target: { kind: 'Node', name: `node-${i % nodes}` } } });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    times.push(msSince(t));
  }
  const total = msSince(t0);
  await c.close();
  return { podsPerSec: (PODS / total) * 1000, p99: percentile(sortedCopy(times), 0.99) };
}

async function withScheduler(nodes: number): Promise<{ podsPerSec: number; p99: number; cycleP99: number }> {
  const c = await cluster(nodes);
  const client = new Client(new InProcessTransport(c.api.local({ name: 'system:kube-scheduler', groups: [] })), { fieldManager: 'kube-scheduler' });
  const times: number[] = [];
  const cycles: number[] = [];
  let done: () => void;
  const all = new Promise<void>((r) => (done = r));
  const stop = new AbortController();
  const scheduler = new Scheduler({
    client,
    informers: new SharedInformerFactory(client),
    recorder: new EventRecorder({ client, component: 'default-scheduler' }),
    clock: { ...realClock, now: () => performance.now() },
    observe: ({ result, ms, cycleMs }) => {
      if (result === 'scheduled') {
        times.push(ms);
        cycles.push(cycleMs);
      }
      if (times.length === PODS) done();
    },
  });
  const t0 = now();
  void scheduler.run(stop.signal);
  await all;
  const total = msSince(t0);
  stop.abort();
  await c.close();
  return { podsPerSec: (PODS / total) * 1000, p99: percentile(sortedCopy(times), 0.99), cycleP99: percentile(sortedCopy(cycles), 0.99) };
}

/** The decision alone: findPlacement then counting the pod on its node, PODS times. */
function decisions(nodes: number): { podsPerSec: number; p99: number } {
  const snapshot = buildSnapshot({ nodes: Array.from({ length: nodes }, (_, i) => node(i)) });
  const profile = defaultProfile();
  const times: number[] = [];
  let start = 0;
  const t0 = now();
  for (let i = 0; i < PODS; i++) {
    const t = now();
    const p = pod(i);
    const placed = findPlacement(p, snapshot, profile, { startIndex: start });
    start = placed.nextStartIndex;
    if (!('node' in placed)) throw new Error(placed.message);
    addPod(snapshot.byName.get(placed.node)! as never, { ...p, spec: { ...p.spec, nodeName: placed.node } });
    times.push(msSince(t));
  }
  return { podsPerSec: (PODS / msSince(t0)) * 1000, p99: percentile(sortedCopy(times), 0.99) };
}

runBenchmark('scheduler', async () => {
  const started = now();
  console.log(title(`k8ts scheduler benchmark: ${PODS} pending pods`, quick));
  console.log(machine(`node ${process.version}`));
  const rows: string[] = [];
  for (const n of NODE_COUNTS) {
    const base = await baseline(n);
    const full = await withScheduler(n);
    const pure = decisions(n);
    rows.push(
      `${String(n).padStart(5)} nodes  scheduler ${fmt(full.podsPerSec, 0).padStart(6)} pods/s  p99 cycle ${fmt(full.cycleP99, 2).padStart(6)} ms, pop→bound ${fmt(full.p99, 0).padStart(5)} ms   ` +
        `| bind-only baseline ${fmt(base.podsPerSec, 0).padStart(6)} pods/s (scheduler = ${fmt(full.podsPerSec / base.podsPerSec, 2)}x)   ` +
        `| decision alone ${fmt(pure.podsPerSec, 0).padStart(6)} pods/s p99 ${fmt(pure.p99, 2)} ms`,
    );
    console.log(rows[rows.length - 1]);
  }
  console.log(`target: >= 1,000 pods/s at 1,000 nodes (upstream CI floor: 270 pods/s at 5,000 nodes)`);
  console.log(totalTime(started));
  return 0;
});

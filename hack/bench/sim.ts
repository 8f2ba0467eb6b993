// The simulated-nodes benchmark (`npm run bench:sim`): `k8ts server --simulate-nodes 100` as a child
// process (its SQLite store on disk, the scheduler, the controllers and 100 simulated nodes at real-time
// speed), then a 1,000-replica Deployment created over HTTPS: the time until all 1,000 pods are Ready
// (kwok documents about 20 pods/s) and the server's RSS, read from /proc. The baseline, measured in the
// same run, is the time until the 1,000 pods merely exist (the ReplicaSet reports them created).
//
// Flags: --quick (10 nodes, 100 replicas, one run), --nodes N, --replicas N, --runs N (default 5; the
// median is reported, with the range: on a small shared machine runs differ by a second or more). K8TS_BENCH_NODE_ARGS passes node flags to the server (e.g. --cpu-prof).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpsTransport, kubeconfigCredentials } from '../../components/client/transport-https.js';
import { procCpu, procMem, startK8ts } from './api-server.js';
import { children, fmt, k8tsBin, machine, median, msSince, now, removeDir, runBenchmark, stopChild, tempDir, title, totalTime } from './support.js';

const quick = process.argv.includes('--quick');
const num = (flag: string, dflt: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const NODES = num('--nodes', quick ? 10 : 100);
const REPLICAS = num('--replicas', quick ? 100 : 1000);
const RUNS = num('--runs', quick ? 1 : 5);
/** Node flags for the server child, e.g. K8TS_BENCH_NODE_ARGS=--cpu-prof to profile it. */
const SERVER_NODE_ARGS = (process.env.K8TS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  createdMs: number;
  readyMs: number;
  /** The server's CPU time (all threads) from the Deployment's creation to all Ready. */
  cpuMs: number;
  /** The same for the main thread alone (the event loop: apiserver, store and components). */
  mainCpuMs: number;
  rssMiB: number;
  peakMiB: number;
  startMs: number;
}

async function once(k8ts: string): Promise<Run> {
  const dir = tempDir('bench-sim');
  const server = await startK8ts(k8ts, dir, SERVER_NODE_ARGS, ['--node-runtime', 'sim', '--simulate-nodes', String(NODES)]);
  try {
    const transport = new HttpsTransport(kubeconfigCredentials(readFileSync(join(dir, 'kubeconfig.yaml'), 'utf8')));
    const get = async <T>(path: string) => (await transport.request({ method: 'GET', path })).body as T;
    // Wait for the simulated nodes to be Ready before the clock starts (this machine's node makes NODES + 1).
    for (;;) {
      const nodes = await get<{ items: Array<{ status?: { conditions?: Array<{ type: string; status: string }> } }> }>('/api/v1/nodes');
      const ready = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      if (ready >= NODES + 1) break;
      await sleep(100);
    }
    const t0 = now();
    const serverCpu = procCpu(server.child.pid);
    const cpu0 = serverCpu();
    await transport.request({
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' }, spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } } },
    });
    let createdMs = NaN;
    for (;;) {
      if (Number.isNaN(createdMs)) {
        const rs = await get<{ items: Array<{ status?: { replicas?: number } }> }>('/apis/apps/v1/namespaces/default/replicasets');
        if ((rs.items[0]?.status?.replicas ?? 0) >= REPLICAS) createdMs = msSince(t0);
      }
      const d = await get<{ status?: { readyReplicas?: number } }>('/apis/apps/v1/namespaces/default/deployments/big');
      if ((d.status?.readyReplicas ?? 0) >= REPLICAS) break;
      await sleep(50);
    }
    const readyMs = msSince(t0);
    const cpu1 = serverCpu();
    const cpuMs = (cpu1.all - cpu0.all) * 1000;
    const mainCpuMs = (cpu1.main - cpu0.main) * 1000;
    const mem = procMem(server.child.pid);
    return { createdMs: Number.isNaN(createdMs) ? readyMs : createdMs, readyMs, cpuMs, mainCpuMs, rssMiB: mem.rss, peakMiB: mem.hwm, startMs: server.startMs };
  } finally {
    await stopChild(server.child);
    children.delete(server.child);
    removeDir(dir);
  }
}

runBenchmark('sim', async () => {
  const started = now();
  console.log(title(`k8ts simulated nodes benchmark: k8ts server --simulate-nodes ${NODES}, a ${REPLICAS}-replica Deployment, ${RUNS} run(s)`, quick));
  console.log(machine(`node ${process.version}`));
  const k8ts = k8tsBin(import.meta.dirname);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await once(k8ts);
    runs.push(r);
    console.log(`run ${i + 1}: server ready in ${fmt(r.startMs, 0)} ms; pods created ${fmt(r.createdMs, 0)} ms, all Ready ${fmt(r.readyMs, 0)} ms, server CPU ${fmt(r.cpuMs, 0)} ms (main thread ${fmt(r.mainCpuMs, 0)} ms); RSS ${fmt(r.rssMiB, 0)} MiB (peak ${fmt(r.peakMiB, 0)} MiB)`);
  }
  const ready = median(runs.map((r) => r.readyMs));
  const created = median(runs.map((r) => r.createdMs));
  const cpu = median(runs.map((r) => r.cpuMs));
  const mainCpu = median(runs.map((r) => r.mainCpuMs));
  const rss = median(runs.map((r) => r.rssMiB));
  const peak = median(runs.map((r) => r.peakMiB));
  const span = (xs: number[], digits = 0) => `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}`;
  console.log(`median: all ${REPLICAS} pods Ready ${fmt(ready, 0)} ms (${fmt((REPLICAS / ready) * 1000, 0)} pods/s; kwok documents ~20 pods/s), RSS ${fmt(rss, 0)} MiB (${fmt((rss * 1.048576), 0)} MB), peak ${fmt(peak, 0)} MiB`);
  console.log(`range over ${RUNS} runs: all Ready ${span(runs.map((r) => r.readyMs))} ms, RSS ${span(runs.map((r) => r.rssMiB))} MiB, peak ${span(runs.map((r) => r.peakMiB))} MiB`);
  console.log(`server CPU from the Deployment's creation to all Ready: ${fmt(cpu, 0)} ms median (${fmt(cpu / REPLICAS, 2)} ms per pod, ${fmt(cpu / ready, 2)} cores busy); main thread ${fmt(mainCpu, 0)} ms (${fmt(mainCpu / REPLICAS, 2)} ms per pod)`);
  console.log(`baseline, the same ${REPLICAS} pods only created: ${fmt(created, 0)} ms (all Ready = ${fmt(ready / created, 2)}x created)`);
  console.log('targets: <= 5,000 ms to all Ready, RSS <= 300 MB');
  console.log(totalTime(started));
  return 0;
});

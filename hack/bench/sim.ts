// The simulated-nodes benchmark (`npm run bench:sim`): a throwaway cluster in this process (apiserver,
// scheduler, controllers) with 100 simulated nodes at real-time speed, then a 1,000-replica Deployment:
// the time until all 1,000 pods are Ready (kwok documents about 20 pods/s) and this process's RSS. The
// baseline, measured in the same run, is the same Deployment until its 1,000 pods are merely created.
//
// Flags: --quick (10 nodes, 100 replicas), --nodes N, --replicas N.
import { setMaxListeners } from 'node:events';
import { startEphemeralCluster } from '../../components/manifest-test/ephemeral-cluster.js';
import { startSimNodes } from '../../node/sim/index.js';
import { fmt, machine, msSince, now, runBenchmark, title, totalTime } from './support.js';

const quick = process.argv.includes('--quick');
const num = (flag: string, dflt: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const NODES = num('--nodes', quick ? 10 : 100);
const REPLICAS = num('--replicas', quick ? 100 : 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function once(nodes: number, until: 'created' | 'ready'): Promise<{ ms: number; rssMiB: number }> {
  const cluster = await startEphemeralCluster({ nodes, startNodes: (api, n, signal) => (setMaxListeners(0, signal), startSimNodes(api, n, signal)) });
  const admin = cluster.api.local({ name: 'system:admin', groups: ['system:masters'] });
  const t0 = now();
  const r = await admin.request({
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: { metadata: { name: 'big' }, spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } } },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  for (;;) {
    if (until === 'ready') {
      const d = (await admin.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/big' })).body as { status?: { readyReplicas?: number } };
      if ((d.status?.readyReplicas ?? 0) >= REPLICAS) break;
    } else {
      const d = (await admin.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/replicasets' })).body as { items: Array<{ status?: { replicas?: number } }> };
      if ((d.items[0]?.status?.replicas ?? 0) >= REPLICAS) break;
    }
    await sleep(50);
  }
  const ms = msSince(t0);
  const rssMiB = process.memoryUsage().rss / 1024 / 1024;
  await cluster.close();
  return { ms, rssMiB };
}

runBenchmark('sim', async () => {
  const started = now();
  console.log(title(`k8ts simulated nodes benchmark: ${NODES} nodes, a ${REPLICAS}-replica Deployment`, quick));
  console.log(machine(`node ${process.version}`));
  const created = await once(NODES, 'created');
  const ready = await once(NODES, 'ready');
  console.log(`all ${REPLICAS} pods Ready: ${fmt(ready.ms, 0)} ms (${fmt((REPLICAS / ready.ms) * 1000, 0)} pods/s; kwok documents ~20 pods/s)   RSS ${fmt(ready.rssMiB, 0)} MiB`);
  console.log(`baseline, the same ${REPLICAS} pods only created: ${fmt(created.ms, 0)} ms (Ready = ${fmt(ready.ms / created.ms, 2)}x created)`);
  console.log('targets: <= 5,000 ms to all Ready, RSS <= 300 MB');
  console.log(totalTime(started));
  return 0;
});

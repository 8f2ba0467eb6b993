// A simulated node against a real apiserver (in process, SQLite :memory:), acting as system:node:<name>:
// it registers and renews its Lease, and pods bound to it go through a kubelet's visible life, sped up.
import t from 'tap';
import { Client } from '../../../components/client/client.js';
import { configMaps, events, leases, nodes, pods } from '../../../components/client/resource-types.js';
import { InProcessTransport } from '../../../components/client/transport-in-process.js';
import { isNotFound } from '../../../components/client/transport.js';
import { SimNode, simNodeIdentity } from '../../../node/sim/index.js';
import type { Pod } from '../../../node/sim/types.js';
import { startTestApi } from '../../helpers/in-process-api.js';

const SPEED = 50;
const api = await startTestApi();
const admin = new Client(new InProcessTransport(api.api.local({ name: 'system:admin', groups: ['system:masters'] })));
const node = new SimNode({ client: new Client(new InProcessTransport(api.api.local(simNodeIdentity('sim-1'))), { fieldManager: 'kubelet' }), name: 'sim-1', podCidrIndex: 7, speed: SPEED });
const stop = new AbortController();
t.teardown(async () => {
  stop.abort();
  await node.stop();
  await api.close();
});
await node.start(stop.signal);

const podsApi = admin.resource<Pod>(pods);
async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const create = (name: string, spec: Partial<Pod['spec']> = {}, annotations: Record<string, string> = {}) =>
  podsApi.create({ metadata: { name, namespace: 'default', annotations }, spec: { nodeName: 'sim-1', containers: [{ name: 'c', image: 'busybox' }], ...spec } } as Pod);
const podWhen = (name: string, test: (p: Pod) => boolean) =>
  until(`pod ${name}`, async () => {
    const p = await podsApi.get(name, { namespace: 'default' });
    return test(p) ? p : undefined;
  });

t.test('the node registers with capacity, conditions and a Lease', async (t) => {
  const n = (await admin.resource(nodes).get('sim-1')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  t.equal(n.metadata.annotations['k8ts.io/simulated'], 'true');
  t.equal(n.metadata.labels['kubernetes.io/hostname'], 'sim-1');
  t.equal(n.spec.podCIDR, '10.42.7.0/24');
  t.match(n.status.capacity, { cpu: '4', memory: '8388608Ki', pods: '110' });
  t.equal(n.status.allocatable.memory, `${8388608 - 102400}Ki`);
  t.match(n.status.conditions.find((c: { type: string }) => c.type === 'Ready'), { status: 'True', reason: 'KubeletReady' });
  t.equal(n.status.nodeInfo.kubeletVersion, 'v1.33.5+k8ts1');
  t.equal(n.status.nodeInfo.containerRuntimeVersion, 'sim://1.0');
  const lease = (await admin.resource(leases).get('sim-1', { namespace: 'kube-node-lease' })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  t.match(lease.spec, { holderIdentity: 'sim-1', leaseDurationSeconds: 40 });
  t.equal(lease.metadata.ownerReferences[0].kind, 'Node');
});

t.test('a pod goes Running and Ready with an IP from the node /24', async (t) => {
  await create('web', { containers: [{ name: 'c', image: 'nginx:1.27', readinessProbe: { initialDelaySeconds: 5, tcpSocket: { port: 80 } } }] });
  const p = await podWhen('web', (p) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True');
  t.equal(p.status?.phase, 'Running');
  t.match(p.status?.podIP, /^10\.42\.7\.\d+$/);
  t.equal(p.status?.hostIP, '10.42.7.1');
  t.equal(p.status?.containerStatuses?.[0].ready, true);
  t.equal(p.status?.qosClass, 'BestEffort');
  const evs = await until('events', async () => {
    const list = (await admin.resource(events).list({ namespace: 'default' })).items as Array<{ reason: string; message: string; involvedObject: { name: string } }>;
    const mine = list.filter((e) => e.involvedObject.name === 'web');
    return mine.some((e) => e.reason === 'Started') ? mine : undefined;
  });
  t.ok(evs.some((e) => e.reason === 'Created' && e.message === 'Created container: c'));
});

t.test('a Job-like pod succeeds', async (t) => {
  await create('job', { restartPolicy: 'Never' });
  const p = await podWhen('job', (p) => p.status?.phase === 'Succeeded');
  t.match(p.status?.containerStatuses?.[0].state, { terminated: { exitCode: 0, reason: 'Completed' } });
});

t.test('a missing ConfigMap in env: CreateContainerConfigError, then runs once it exists', async (t) => {
  await create('cfg', { containers: [{ name: 'c', image: 'busybox', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'k' } } }] }] });
  const p = await podWhen('cfg', (p) => 'waiting' in (p.status?.containerStatuses?.[0].state ?? {}) && (p.status!.containerStatuses![0].state as { waiting: { reason: string } }).waiting.reason === 'CreateContainerConfigError');
  t.match(p.status?.containerStatuses?.[0].state, { waiting: { message: 'configmap "settings" not found' } });
  await admin.resource(configMaps).create({ metadata: { name: 'settings', namespace: 'default' }, data: { k: 'v' } } as never);
  await podWhen('cfg', (p) => p.status?.phase === 'Running');
});

t.test('a crash-looping pod shows CrashLoopBackOff and restarts', async (t) => {
  await create('crash', {}, { 'sim.k8ts.io/crash-loop': 'true', 'sim.k8ts.io/run-seconds': '1' });
  const p = await podWhen('crash', (p) => (p.status?.containerStatuses?.[0].restartCount ?? 0) >= 2 && 'waiting' in p.status!.containerStatuses![0].state);
  t.match(p.status?.containerStatuses?.[0].state, { waiting: { reason: 'CrashLoopBackOff', message: /^back-off \d+s restarting failed container=c pod=crash_default\(/ } });
  t.match(p.status?.containerStatuses?.[0].lastState, { terminated: { exitCode: 1, reason: 'Error' } });
});

t.test('deleting a pod: stopped, then removed by the kubelet', async (t) => {
  await podWhen('web', (p) => p.status?.phase === 'Running');
  await podsApi.delete('web', { namespace: 'default' });
  const gone = await until('web deleted', async () => {
    try {
      await podsApi.get('web', { namespace: 'default' });
      return undefined;
    } catch (err) {
      return isNotFound(err);
    }
  });
  t.ok(gone);
});

t.test('a stopped node stops renewing its Lease', async (t) => {
  const lease = () => admin.resource(leases).get('sim-1', { namespace: 'kube-node-lease' }) as Promise<{ spec: { renewTime: string } }>;
  await node.stop();
  const before = (await lease()).spec.renewTime;
  await new Promise((r) => setTimeout(r, 100));
  t.equal((await lease()).spec.renewTime, before);
});

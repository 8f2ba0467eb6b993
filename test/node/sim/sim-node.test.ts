// A simulated node against a real apiserver (in process, SQLite :memory:), acting as system:node:<name>:
// it registers and renews its Lease, and pods bound to it go through a kubelet's visible life, sped up;
// pods bound to it by hand that do not fit are rejected at admission.
import t from 'tap';
import { Client } from '../../../components/client/client.js';
import { configMaps, events, leases, nodes, persistentVolumeClaims, pods } from '../../../components/client/resource-types.js';
import { InProcessTransport } from '../../../components/client/transport-in-process.js';
import { isNotFound, type Transport } from '../../../components/client/transport.js';
import { SimNode, simNodeIdentity } from '../../../node/sim/index.js';
import type { Pod } from '../../../node/sim/types.js';
import { startTestApi } from '../../helpers/in-process-api.js';

const SPEED = 50;
const api = await startTestApi();
const admin = new Client(new InProcessTransport(api.api.local({ name: 'system:admin', groups: ['system:masters'] })));
const node = new SimNode({ client: new Client(new InProcessTransport(api.api.local(simNodeIdentity('sim-1'))), { fieldManager: 'kubelet' }), name: 'sim-1', podCidrIndex: 7, speed: SPEED });
const tainted = new SimNode({
  client: new Client(new InProcessTransport(api.api.local(simNodeIdentity('sim-2'))), { fieldManager: 'kubelet' }),
  name: 'sim-2',
  podCidrIndex: 8,
  speed: SPEED,
  taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }],
});
const stop = new AbortController();
t.teardown(async () => {
  stop.abort();
  await node.stop();
  await tainted.stop();
  await api.close();
});
await node.start(stop.signal);
await tainted.start(stop.signal);

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
const create = (name: string, spec: Partial<Pod['spec']> & Record<string, unknown> = {}, annotations: Record<string, string> = {}) =>
  podsApi.create({ metadata: { name, namespace: 'default', annotations }, spec: { nodeName: 'sim-1', containers: [{ name: 'c', image: 'busybox' }], ...spec } } as Pod);
type Event = { type: string; reason: string; message: string; involvedObject: { name: string; fieldPath?: string } };
const eventsOf = (name: string, reason: string) =>
  until(`${reason} event of ${name}`, async () => {
    const list = (await admin.resource(events).list({ namespace: 'default' })).items as Event[];
    const mine = list.filter((e) => e.involvedObject.name === name && e.reason === reason);
    return mine.length ? mine : undefined;
  });
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

t.test('admission: a pod bound by hand that does not fit is rejected, Failed, with a Warning event', async (t) => {
  await create('small', { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '350m' } } }] });
  await podWhen('small', (p) => p.status?.phase === 'Running');
  await create('greedy', { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '1000' } } }] });
  const p = await podWhen('greedy', (p) => p.status?.phase === 'Failed');
  const message = "Node didn't have enough resource: cpu, requested: 1000000, used: 350, capacity: 4000";
  t.match(p.status, { phase: 'Failed', reason: 'OutOfcpu', message: `Pod was rejected: ${message}`, qosClass: 'Burstable' });
  t.ok(p.status?.startTime);
  t.equal(p.status?.containerStatuses, undefined, 'no container ever started');
  t.equal(p.status?.podIP, undefined);
  t.match(await eventsOf('greedy', 'OutOfcpu'), [{ type: 'Warning', message, involvedObject: { fieldPath: undefined } }]);

  const ports = (name: string) => create(name, { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
  await ports('port-a');
  await podWhen('port-a', (p) => p.status?.phase === 'Running');
  await ports('port-b');
  const b = await podWhen('port-b', (p) => p.status?.phase === 'Failed');
  t.match(b.status, { reason: 'NodePorts', message: "Pod was rejected: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports" });

  await create('picky', { nodeSelector: { disk: 'ssd' } });
  const picky = await podWhen('picky', (p) => p.status?.phase === 'Failed');
  t.match(picky.status, { reason: 'NodeAffinity', message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" });
  t.match(await eventsOf('picky', 'NodeAffinity'), [{ type: 'Warning', message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" }]);
});

t.test('admission: an untolerated NoExecute taint rejects, a toleration admits', async (t) => {
  await create('intruder', { nodeName: 'sim-2' });
  const p = await podWhen('intruder', (p) => p.status?.phase === 'Failed');
  t.match(p.status, { reason: 'TaintToleration', message: "Pod was rejected: Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate" });
  await create('guest', { nodeName: 'sim-2', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }] });
  const guest = await podWhen('guest', (p) => p.status?.phase === 'Running');
  t.match(guest.status?.podIP, /^10\.42\.8\.\d+$/);
});

t.test('a claim: FailedMount while missing or unbound, Running once bound', async (t) => {
  await create('db', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] });
  const prefix = 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: ';
  const missing = await eventsOf('db', 'FailedMount');
  t.match(missing, [{ type: 'Warning', message: `${prefix}failed to fetch PVC from API server: persistentvolumeclaims "data" not found` }]);
  const creating = await podsApi.get('db', { namespace: 'default' });
  t.match(creating.status, { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] });
  const claims = admin.resource(persistentVolumeClaims);
  await claims.create({ metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-data' } } as never);
  await until('the not-bound event', async () => ((await eventsOf('db', 'FailedMount')).some((e) => e.message === `${prefix}PVC is not bound`) ? true : undefined));
  t.equal((await podsApi.get('db', { namespace: 'default' })).status?.phase, 'Pending');
  const boundAt = Date.now();
  await claims.patch('data', { status: { phase: 'Bound' } }, { namespace: 'default', type: 'merge', subresource: 'status' });
  const p = await podWhen('db', (p) => p.status?.phase === 'Running');
  const started = Date.parse((p.status!.containerStatuses![0].state as { running: { startedAt: string } }).running.startedAt);
  t.ok(started >= Math.floor(boundAt / 1000) * 1000, 'the container starts after the claim was bound, not back when the pod began');
});

t.test('a startupProbe holds started and Ready', async (t) => {
  await create('slow', { containers: [{ name: 'c', image: 'busybox', startupProbe: { initialDelaySeconds: 50, httpGet: { port: 80 } } }] });
  const early = await podWhen('slow', (p) => p.status?.phase === 'Running');
  t.match(early.status?.containerStatuses?.[0], { started: false, ready: false, state: { running: {} } });
  const later = await podWhen('slow', (p) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True');
  t.equal(later.status?.containerStatuses?.[0].started, true);
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

t.test('the kubelet writes a status only when it changes what is stored, and it is stored as written', async (t) => {
  // A third node whose requests are recorded: every status patch and the pod it returned.
  const patches: Array<{ pod: string; sent: Record<string, unknown>; stored: Record<string, unknown>; rv: string }> = [];
  const inner = new InProcessTransport(api.api.local(simNodeIdentity('sim-3')));
  const recording: Transport = {
    async request(req, signal) {
      const res = await inner.request(req, signal);
      const m = /\/pods\/([^/]+)\/status$/.exec(req.path);
      if (req.method === 'PATCH' && m) {
        const pod = res.body as Pod;
        patches.push({ pod: m[1]!, sent: (req.body as { status: Record<string, unknown> }).status, stored: pod.status as Record<string, unknown>, rv: pod.metadata.resourceVersion! });
      }
      return res;
    },
    watch: (req, signal) => inner.watch(req, signal),
  };
  const third = new SimNode({ client: new Client(recording, { fieldManager: 'kubelet' }), name: 'sim-3', podCidrIndex: 9, speed: SPEED });
  const stopThird = new AbortController();
  t.teardown(async () => {
    stopThird.abort();
    await third.stop();
  });
  await third.start(stopThird.signal);
  const names = ['quiet-a', 'quiet-b', 'quiet-c'];
  for (const name of names) {
    await create(name, { nodeName: 'sim-3', containers: [{ name: 'c', image: 'busybox', readinessProbe: { initialDelaySeconds: 3, exec: { command: ['true'] } } }] });
  }
  for (const name of names) await podWhen(name, (p) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True');
  await new Promise((r) => setTimeout(r, 300)); // later syncs of the settled pods must not write again
  for (const name of names) {
    const mine = patches.filter((p) => p.pod === name);
    t.ok(mine.length >= 2, `${name}: ${mine.length} status writes (at least ContainerCreating, then Running and Ready)`);
    t.equal(new Set(mine.map((p) => p.rv)).size, mine.length, `${name}: every write made a new version (none repeated a stored status)`);
    for (const p of mine) {
      for (const [field, value] of Object.entries(p.sent)) t.same(p.stored[field], value, `${name}: status.${field} is stored as the kubelet wrote it`);
    }
  }
});

t.test('a stopped node stops renewing its Lease', async (t) => {
  const lease = () => admin.resource(leases).get('sim-1', { namespace: 'kube-node-lease' }) as Promise<{ spec: { renewTime: string } }>;
  await node.stop();
  const before = (await lease()).spec.renewTime;
  await new Promise((r) => setTimeout(r, 100));
  t.equal((await lease()).spec.renewTime, before);
});

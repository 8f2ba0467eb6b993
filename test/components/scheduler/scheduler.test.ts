// The scheduler against a real apiserver, in-process as system:kube-scheduler: nodes are plain Node
// objects (no kubelet); pods land where upstream would put them, unschedulable pods get the condition
// and event with upstream's message, and a high-priority pod preempts a low-priority one.
import t from 'tap';
import { until as pollUntil } from '../../helpers/until.js';
import { Client } from '../../../components/client/client.js';
import { EventRecorder } from '../../../components/client/event-recorder.js';
import { SharedInformerFactory } from '../../../components/client/shared-informer-factory.js';
import { InProcessTransport } from '../../../components/client/transport-in-process.js';
import { Scheduler } from '../../../components/scheduler/scheduler.js';
import { startTestApi, type TestApi } from '../../helpers/in-process-api.js';

let api: TestApi;
const stop = new AbortController();
t.before(async () => {
  api = await startTestApi();
  const client = new Client(new InProcessTransport(api.api.local({ name: 'system:kube-scheduler', groups: [] })), { fieldManager: 'kube-scheduler' });
  const informers = new SharedInformerFactory(client);
  const scheduler = new Scheduler({ client, informers, recorder: new EventRecorder({ client, component: 'default-scheduler' }), random: () => 0 });
  const node = (name: string, extra: { labels?: Record<string, string>; taints?: unknown[]; cpu?: string } = {}) => ({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${name}`, ...extra.labels } },
    spec: { taints: extra.taints ?? [] },
    status: {
      capacity: { cpu: extra.cpu ?? '2', memory: '4Gi', pods: '110' },
      allocatable: { cpu: extra.cpu ?? '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  });
  for (const n of [node('n1', { labels: { disk: 'ssd' } }), node('n2'), node('n3'), node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })]) {
    const r = await api.call('POST', '/api/v1/nodes', n);
    if (r.status !== 201) throw new Error(r.text);
  }
  void scheduler.run(stop.signal);
});
t.teardown(async () => {
  stop.abort();
  await api.close();
});

const pod = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'busybox', ...((spec.container as object) ?? {}) }], ...spec, container: undefined },
});

const until = <T>(f: () => Promise<T | undefined>, ms = 5000) => pollUntil(f, ms);

const nodeOf = (name: string) => until(async () => (await api.call('GET', `/api/v1/namespaces/default/pods/${name}`)).json.spec?.nodeName);
const condition = (name: string) =>
  until(async () => {
    const p = (await api.call('GET', `/api/v1/namespaces/default/pods/${name}`)).json;
    return (p.status?.conditions ?? []).find((c: { type: string; status: string }) => c.type === 'PodScheduled' && c.status === 'False');
  });

t.test('nodeSelector, and the Scheduled event', async (t) => {
  t.equal((await api.call('POST', '/api/v1/namespaces/default/pods', pod('fast', { nodeSelector: { disk: 'ssd' } }))).status, 201);
  t.equal(await nodeOf('fast'), 'n1');
  const events = await until(async () => {
    const list = (await api.call('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=fast')).json.items;
    return list.length ? list : undefined;
  });
  t.match(events?.[0], { reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/fast to n1', source: { component: 'default-scheduler' } });
  const bound = (await api.call('GET', '/api/v1/namespaces/default/pods/fast')).json;
  t.match(bound.status.conditions, [{ type: 'PodScheduled', status: 'True' }]);
});

t.test('a pod too big for every node stays Pending with upstream\'s message', async (t) => {
  t.equal((await api.call('POST', '/api/v1/namespaces/default/pods', pod('huge', { container: { resources: { requests: { cpu: '3' } } } }))).status, 201);
  const c = await condition('huge');
  t.equal(c?.reason, 'Unschedulable');
  t.equal(c?.message, '0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
  const events = (await api.call('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=huge')).json.items;
  t.match(events, [{ reason: 'FailedScheduling', type: 'Warning', message: c?.message }]);
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/huge')).json.spec.nodeName, undefined);
});

t.test('tolerations open the tainted node; host ports conflict', async (t) => {
  await api.call('POST', '/api/v1/namespaces/default/pods', pod('gpu-job', { nodeSelector: { 'kubernetes.io/hostname': 'gpu' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
  t.equal(await nodeOf('gpu-job'), 'gpu');
  const hp = (name: string) => pod(name, { nodeSelector: { 'kubernetes.io/hostname': 'n2' }, container: { ports: [{ containerPort: 80, hostPort: 8080 }] } });
  await api.call('POST', '/api/v1/namespaces/default/pods', hp('port-a'));
  t.equal(await nodeOf('port-a'), 'n2');
  await api.call('POST', '/api/v1/namespaces/default/pods', hp('port-b'));
  const c = await condition('port-b');
  // Filters stop at the first that fails, in upstream's order (TaintToleration before NodeAffinity).
  t.equal(
    c?.message,
    "0/4 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
  );
});

t.test('required anti-affinity spreads three replicas over three nodes', async (t) => {
  const anti = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
    },
  };
  for (const n of ['web-1', 'web-2', 'web-3']) await api.call('POST', '/api/v1/namespaces/default/pods', pod(n, { affinity: anti }, { app: 'web' }));
  const nodes = await Promise.all(['web-1', 'web-2', 'web-3'].map(nodeOf));
  t.same([...nodes].sort(), ['n1', 'n2', 'n3']);
  await api.call('POST', '/api/v1/namespaces/default/pods', pod('web-4', { affinity: anti }, { app: 'web' }));
  t.match((await condition('web-4'))?.message, /3 node\(s\) didn't match pod anti-affinity rules/);
});

t.test('a high-priority pod preempts a low-priority one', async (t) => {
  for (const [name, value] of [['low', 10], ['high', 1000]] as const) {
    t.equal((await api.call('POST', '/apis/scheduling.k8s.io/v1/priorityclasses', { metadata: { name }, value })).status, 201);
  }
  const big = (name: string, cls: string) => pod(name, { priorityClassName: cls, nodeSelector: { 'kubernetes.io/hostname': 'n3' }, container: { resources: { requests: { cpu: '1500m' } } } });
  await api.call('POST', '/api/v1/namespaces/default/pods', big('victim', 'low'));
  t.equal(await nodeOf('victim'), 'n3');
  await api.call('POST', '/api/v1/namespaces/default/pods', big('vip', 'high'));
  const nominated = await until(async () => (await api.call('GET', '/api/v1/namespaces/default/pods/vip')).json.status?.nominatedNodeName);
  t.equal(nominated, 'n3');
  const terminating = await until(async () => (await api.call('GET', '/api/v1/namespaces/default/pods/victim')).json.metadata?.deletionTimestamp);
  t.ok(terminating, 'the victim is being deleted (gracefully: its kubelet stops it)');
  // No kubelet here: finish the deletion as the kubelet would once the container stopped.
  await api.call('DELETE', '/api/v1/namespaces/default/pods/victim?gracePeriodSeconds=0');
  t.equal(await nodeOf('vip'), 'n3', 'the preemptor lands once the victim is gone');
  const preempted = (await api.call('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=victim')).json.items;
  t.ok(preempted.some((e: { reason: string; message: string }) => e.reason === 'Preempted' && /^Preempted by pod .+ on node n3$/.test(e.message)));
});

t.test('claims: missing or unbound immediate keeps the pod Pending until bound; WaitForFirstConsumer schedules', async (t) => {
  const withClaim = (name: string, claim: string) => pod(name, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] });
  t.equal((await api.call('POST', '/api/v1/namespaces/default/pods', withClaim('db', 'db-data'))).status, 201);
  const missing = await condition('db');
  t.equal(missing?.message, '0/4 nodes are available: persistentvolumeclaim "db-data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
  const pv = { metadata: { name: 'pv-db' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/pv-db' }, storageClassName: '' } };
  t.equal((await api.call('POST', '/api/v1/persistentvolumes', pv)).status, 201);
  // Pre-bound to the volume, with no class: the PV controller has yet to finish binding it.
  const claim = { metadata: { name: 'db-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '', volumeName: 'pv-db' } };
  t.equal((await api.call('POST', '/api/v1/namespaces/default/persistentvolumeclaims', claim)).status, 201);
  const unbound = await until(async () => {
    const c = await condition('db');
    return c?.message?.includes('unbound immediate') ? c : undefined;
  });
  t.equal(unbound?.message, '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/db')).json.spec.nodeName, undefined);
  // What the PV controller writes once bound: the bind-completed annotation, then phase Bound.
  const patch = (path: string, body: unknown) => api.call('PATCH', path, body, { 'content-type': 'application/merge-patch+json' });
  t.equal((await patch('/api/v1/namespaces/default/persistentvolumeclaims/db-data', { metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } })).status, 200);
  t.equal((await patch('/api/v1/namespaces/default/persistentvolumeclaims/db-data/status', { status: { phase: 'Bound' } })).status, 200);
  t.ok(await nodeOf('db'), 'scheduled once the claim is bound');
  // No class given: the default local-path class, WaitForFirstConsumer; the pod schedules at once.
  const wffc = { metadata: { name: 'cache-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
  t.equal((await api.call('POST', '/api/v1/namespaces/default/persistentvolumeclaims', wffc)).status, 201);
  await api.call('POST', '/api/v1/namespaces/default/pods', withClaim('cache', 'cache-data'));
  t.ok(await nodeOf('cache'));
});

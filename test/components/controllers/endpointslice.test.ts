import t from 'tap';
import { endpointSlices } from '../../../components/client/resource-types.js';
import { desiredEndpointGroups, endpointSliceController, reconcileSlices, type EndpointSlice, type SliceEndpoint } from '../../../components/controllers/endpointslice/index.js';
import type { Pod, Service } from '../../../components/controllers/support/api-types.js';
import { createNode, createService, podObject, runningPod } from './fixtures.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

const svc: Service = { metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
const pod = (name: string, ip: string, port = 8080, o: { ready?: boolean; deleting?: boolean } = {}): Pod => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: port }] }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});
const base = { labels: { l: 'v' }, ownerReference: { apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true }, serviceName: 'web', namespace: 'ns', addressTypes: ['IPv4' as const] };
const plan = (pods: Pod[], existing: EndpointSlice[], max = 100) => reconcileSlices({ ...base, groups: desiredEndpointGroups(svc, pods, () => ({ metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'z1' } } })), existing, maxEndpointsPerSlice: max });
const ips = (s: EndpointSlice) => (s.endpoints ?? []).map((e) => e.addresses[0]);

t.test('endpoint conditions', async (t) => {
  const cond = (p: Pod, publish = false) => desiredEndpointGroups({ ...svc, spec: { ...svc.spec, publishNotReadyAddresses: publish } }, [p], () => undefined)[0]!.endpoints[0]!.conditions;
  t.same(cond(pod('a', '1.1.1.1')), { ready: true, serving: true, terminating: false });
  t.same(cond(pod('a', '1.1.1.1', 8080, { ready: false })), { ready: false, serving: false, terminating: false });
  t.same(cond(pod('a', '1.1.1.1', 8080, { deleting: true })), { ready: false, serving: true, terminating: true });
  t.same(cond(pod('a', '1.1.1.1', 8080, { deleting: true }), true), { ready: true, serving: true, terminating: true });
  const [g] = desiredEndpointGroups(svc, [pod('a', '1.1.1.1')], () => ({ metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'z1' } } }));
  t.same(g!.endpoints[0], { addresses: ['1.1.1.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'n1', zone: 'z1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' } });
  t.same(g!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
});

t.test('reconcileSlices', async (t) => {
  const empty = plan([], []);
  t.equal(empty.create.length, 1, 'placeholder for a service without endpoints');
  t.same(empty.create[0]!.endpoints, []);
  t.same(empty.create[0]!.metadata.generateName, 'web-');

  const many = plan(Array.from({ length: 250 }, (_, i) => pod(`p${String(i).padStart(3, '0')}`, `10.0.${Math.floor(i / 200)}.${i % 200}`)), []);
  t.same(many.create.map((s) => s.endpoints!.length), [100, 100, 50], 'at most 100 per slice');

  const byPort = plan([pod('a', '10.0.0.1', 8080), pod('b', '10.0.0.2', 9090)], []);
  t.equal(byPort.create.length, 2, 'different resolved ports, different slices');

  const existing: EndpointSlice = { metadata: { name: 'web-abc', labels: base.labels }, addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints: plan([pod('a', '10.0.0.1'), pod('b', '10.0.0.2')], []).create[0]!.endpoints };
  const same = plan([pod('a', '10.0.0.1'), pod('b', '10.0.0.2')], [existing]);
  t.same([same.create.length, same.update.length, same.delete.length], [0, 0, 0], 'nothing to do when up to date');

  const added = plan([pod('a', '10.0.0.1'), pod('b', '10.0.0.2'), pod('c', '10.0.0.3')], [existing]);
  t.same([added.create.length, added.delete.length], [0, 0]);
  t.same(ips(added.update[0]!), ['10.0.0.1', '10.0.0.2', '10.0.0.3'], 'a new endpoint goes into the existing slice');

  const removed = plan([pod('b', '10.0.0.2', 8080, { ready: false })], [existing]);
  t.same(ips(removed.update[0]!), ['10.0.0.2'], 'updated in place');
  t.equal((removed.update[0]!.endpoints![0] as SliceEndpoint).conditions.ready, false);

  const gone = plan([pod('a', '10.0.0.1', 9090)], [existing]);
  t.same([gone.create.length, gone.update.length, gone.delete.length], [1, 0, 1], 'slice with stale ports replaced');
});

t.test('endpointslice controller against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await createNode(h.admin, 'n1', { 'topology.kubernetes.io/zone': 'zone-a' });
  await h.run(endpointSliceController({ maxEndpointsPerSlice: 2 }), { serviceAccount: 'endpointslice-controller' });
  const slices = h.admin.resource<EndpointSlice>(endpointSlices);
  const service = await createService(h.admin, 'ns', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  const list = async () => (await slices.list({ namespace: 'ns', labelSelector: 'kubernetes.io/service-name=web' })).items;
  const placeholder = await eventually(async () => (await list())[0]);
  t.same(placeholder.endpoints ?? [], [], 'a placeholder slice first');
  t.equal(placeholder.metadata.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  t.match(placeholder.metadata.ownerReferences, [{ kind: 'Service', name: 'web', uid: service.metadata.uid, controller: true }]);
  for (const [i, ip] of ['10.42.0.1', '10.42.0.2', '10.42.0.3'].entries()) {
    await runningPod(h.admin, 'ns', podObject(`p${i}`, { labels: { app: 'web' }, nodeName: 'n1', ports: [{ name: 'http', containerPort: 8080 }] }), { ip, ready: i !== 2 });
  }
  const items = await eventually(async () => {
    const l = await list();
    return l.reduce((n, s) => n + (s.endpoints?.length ?? 0), 0) === 3 ? l : undefined;
  });
  t.equal(items.length, 2, 'two slices of at most two endpoints');
  t.ok(items.every((s) => s.metadata.name!.startsWith('web-') && (s.endpoints?.length ?? 0) <= 2));
  const all = items.flatMap((s) => s.endpoints ?? []);
  const p2 = all.find((e) => e.targetRef?.name === 'p2')!;
  t.same(p2.conditions, { ready: false, serving: false, terminating: false });
  t.equal(p2.zone, 'zone-a');
  t.equal(p2.nodeName, 'n1');
  t.same(items[0]!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
});

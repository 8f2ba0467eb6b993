import t from 'tap';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { leases, nodes, pods } from '../../../components/client/resource-types.js';
import { desiredTaints, evictionTime, nodeLifecycleController, staleNodeConditions } from '../../../components/controllers/node-lifecycle/index.js';
import type { Lease, Node, Pod } from '../../../components/controllers/support/api-types.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';
import { podObject } from './fixtures.js';

const NOW = '2024-01-01T00:00:00Z';
const node = (ready?: string, o: { taints?: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never; unschedulable?: boolean } = {}): Node => ({
  metadata: { name: 'n1', creationTimestamp: '2023-12-31T00:00:00Z' },
  spec: { taints: o.taints, unschedulable: o.unschedulable },
  status: { conditions: ready ? [{ type: 'Ready', status: ready, lastHeartbeatTime: '2023-12-31T23:00:00Z', lastTransitionTime: '2023-12-31T00:00:00Z' }] : [] },
});

t.test('staleNodeConditions', async (t) => {
  const c = staleNodeConditions(node('True'), NOW)!;
  t.match(c.find((x) => x.type === 'Ready'), { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: NOW, lastHeartbeatTime: '2023-12-31T23:00:00Z' });
  t.match(c.find((x) => x.type === 'MemoryPressure'), { status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  t.equal(staleNodeConditions({ ...node(), status: { conditions: c } }, NOW), undefined, 'nothing more to change');
});

t.test('desiredTaints', async (t) => {
  const keys = (n: Node) => desiredTaints(n, NOW).map((x) => `${x.key}:${x.effect}`);
  t.same(keys(node('True')), []);
  t.same(keys(node('False')), ['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/not-ready:NoSchedule']);
  t.same(keys(node('Unknown')), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  t.same(keys(node()), ['node.kubernetes.io/not-ready:NoSchedule'], 'a new node is not schedulable until Ready');
  t.same(keys(node('True', { unschedulable: true })), ['node.kubernetes.io/unschedulable:NoSchedule']);
  t.same(keys(node('True', { taints: [{ key: 'mine', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] })), ['mine:NoSchedule'], 'removed when Ready, others kept');
  t.equal(desiredTaints(node('Unknown'), NOW)[0]!.timeAdded, NOW);
  const swapped = desiredTaints(node('False', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2023-01-01T00:00:00Z' }] }), NOW);
  t.equal(swapped[0]!.timeAdded, '2023-01-01T00:00:00Z', 'timeAdded kept while the taint stays');
});

t.test('evictionTime', async (t) => {
  const now = Date.parse(NOW);
  const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: NOW };
  const pod = (tolerations: Pod['spec']['tolerations']): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });
  t.equal(evictionTime(pod([]), [taint], now), now, 'not tolerated: now');
  t.equal(evictionTime(pod([{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]), [taint], now), now + 300_000);
  t.equal(evictionTime(pod([{ operator: 'Exists' }]), [taint], now), undefined, 'tolerated forever');
  t.equal(evictionTime(pod([]), [{ key: 'x', effect: 'NoSchedule' }], now), undefined, 'NoSchedule never evicts');
});

t.test('node lifecycle controller against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  const clock = new FakeClock(Date.now());
  await ensureNamespace(h.admin, 'ns');
  const nodeClient = h.admin.resource<Node>(nodes);
  const made = await nodeClient.create({ metadata: { name: 'n1' } });
  const beat = () => new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  await nodeClient.updateStatus({ ...made, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: beat(), lastTransitionTime: beat() }] } });
  await h.admin.resource<Lease>(leases).create({ metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: new Date(clock.now()).toISOString().replace('Z', '000Z') } }, { namespace: 'kube-node-lease' });
  const podClient = h.admin.resource<Pod>(pods);
  await podClient.create(podObject('default-toleration', { nodeName: 'n1' }), { namespace: 'ns' });
  await podClient.create({ ...podObject('forever', { nodeName: 'n1' }), spec: { ...podObject('x').spec, nodeName: 'n1', tolerations: [{ operator: 'Exists' }] } }, { namespace: 'ns' });
  await h.run(nodeLifecycleController({ gracePeriodMs: 50_000 }), { serviceAccount: 'node-controller', clock });

  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= 5000) {
      await clock.advance(Math.min(5000, left));
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await advance(10_000);
  t.same((await nodeClient.get('n1')).spec?.taints ?? [], [], 'a ready node has no taints');
  await advance(50_000);
  const down = await eventually(async () => {
    const n = await nodeClient.get('n1');
    return n.spec?.taints?.some((x) => x.key === 'node.kubernetes.io/unreachable' && x.effect === 'NoExecute') ? n : undefined;
  });
  t.match(down.status?.conditions?.find((c) => c.type === 'Ready'), { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
  t.same(down.spec!.taints!.map((x) => `${x.key}:${x.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  const p = await podClient.get('default-toleration', { namespace: 'ns' });
  t.notOk(p.metadata.deletionTimestamp, 'the 300 s default toleration holds the pod for now');
  t.match(p.status?.conditions?.find((c) => c.type === 'Ready'), undefined);

  await advance(300_000);
  await eventually(async () => (await podClient.get('default-toleration', { namespace: 'ns' }).then((x) => !!x.metadata.deletionTimestamp).catch((e) => e.code === 404)) || undefined, 10_000, 'eviction');
  t.notOk((await podClient.get('forever', { namespace: 'ns' })).metadata.deletionTimestamp, 'a pod tolerating forever stays');

  // The kubelet comes back: Ready again, taints gone.
  const cur = await nodeClient.get('n1');
  await nodeClient.updateStatus({ ...cur, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: beat(), lastTransitionTime: beat() }] } });
  await advance(5000);
  await eventually(async () => ((await nodeClient.get('n1')).spec?.taints ?? []).length === 0 || undefined, 10_000, 'taints removed');
});

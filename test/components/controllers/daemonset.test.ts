// The DaemonSet controller against a real apiserver, as system:serviceaccount:kube-system:daemon-set-controller:
// one pod per eligible node (an unschedulable node too, not a node with an untolerated NoSchedule
// taint), pods pinned by node affinity and bound by the test (playing the scheduler), a node added
// later, a node tainted NoExecute losing its pod, status counts, and a rolling update.
import t from 'tap';
import type { Client } from '../../../components/client/client.js';
import type { CoreEvent } from '../../../components/client/event-recorder.js';
import { daemonSets, events, nodes, pods } from '../../../components/client/resource-types.js';
import { daemonSetController, targetNodeName } from '../../../components/controllers/daemonset/index.js';
import type { DaemonSet, Node, Pod } from '../../../components/controllers/workload-common/types.js';
import { ensureNamespace, eventually, markPodReady, startControllerHarness } from './harness.js';

async function createNode(admin: Client, name: string, spec: Node['spec'] = {}): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await admin.resource<Node>(nodes).create({
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec,
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now }] },
  });
}

/** Plays scheduler and kubelet: binds pods to their target node, marks them Ready, finishes deletions. */
function fakeNode(admin: Client): () => void {
  const pc = admin.resource<Pod>(pods);
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const p of (await pc.list({ namespace: 'ns' })).items) {
        const name = p.metadata!.name!;
        if (p.metadata?.deletionTimestamp) await pc.delete(name, { namespace: 'ns', gracePeriodSeconds: 0 }).catch(() => undefined);
        else if (!p.spec?.nodeName) {
          const target = targetNodeName(p);
          if (target) await pc.createSubresource(name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: target } }, { namespace: 'ns' }).catch(() => undefined);
        } else if (!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) await markPodReady(admin, p).catch(() => undefined);
      }
    } finally {
      busy = false;
    }
  }, 50);
  return () => clearInterval(timer);
}

t.test('DaemonSet: covers eligible nodes, follows nodes, rolls an update', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await createNode(h.admin, 'n1');
  await createNode(h.admin, 'n2', { unschedulable: true });
  await createNode(h.admin, 'n3', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
  await h.run(daemonSetController(), { serviceAccount: 'daemon-set-controller' });
  t.teardown(fakeNode(h.admin));
  const dc = h.admin.resource<DaemonSet>(daemonSets);
  const pc = h.admin.resource<Pod>(pods);
  const live = async () => (await pc.list({ namespace: 'ns' })).items.filter((p) => !p.metadata?.deletionTimestamp);
  const byNode = async () => (await live()).map((p) => targetNodeName(p)).sort();

  const ds = await dc.create({
    metadata: { name: 'agent', namespace: 'ns' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  });
  await eventually(async () => JSON.stringify(await byNode()) === '["n1","n2"]', 10_000, 'pods on n1 and n2');
  const p = (await live())[0]!;
  t.match(p.metadata?.name, /^agent-[a-z0-9]{5}$/);
  t.same(p.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  t.same(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.key, 'metadata.name');
  t.ok(p.spec?.tolerations?.some((x) => x.key === 'node.kubernetes.io/unschedulable' && x.effect === 'NoSchedule' && x.operator === 'Exists'));
  t.ok(p.metadata?.labels?.['controller-revision-hash']);
  const st = await eventually(async () => {
    const s = (await dc.get('agent', { namespace: 'ns' })).status;
    return s?.numberAvailable === 2 ? s : undefined;
  }, 10_000, 'two available');
  t.same(
    { ...st, observedGeneration: st.observedGeneration },
    { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberUnavailable: 0, observedGeneration: 1 },
  );
  const evs = (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items.filter((e) => e.reason === 'SuccessfulCreate');
  t.ok(evs.some((e) => e.message.startsWith('Created pod: agent-') && e.source.component === 'daemonset-controller'));

  // A node added later gets a pod; a NoExecute taint takes it away again.
  await createNode(h.admin, 'n4');
  await eventually(async () => JSON.stringify(await byNode()) === '["n1","n2","n4"]', 10_000, 'a pod on n4');
  await h.admin.resource<Node>(nodes).patch('n4', { spec: { taints: [{ key: 'evict', effect: 'NoExecute' }] } }, { type: 'merge' });
  await eventually(async () => JSON.stringify(await byNode()) === '["n1","n2"]', 10_000, 'the pod on n4 deleted');

  // A rolling update replaces the pods (maxUnavailable 1).
  const before = new Set((await live()).map((x) => x.metadata!.name!));
  await dc.patch('agent', { spec: { template: { metadata: { labels: { app: 'agent', v: '2' } } } } }, { namespace: 'ns', type: 'merge' });
  const done = await eventually(async () => {
    const s = (await dc.get('agent', { namespace: 'ns' })).status;
    return s?.updatedNumberScheduled === 2 && s.numberAvailable === 2 && s.observedGeneration === 2 ? s : undefined;
  }, 20_000, 'the update rolled out');
  t.equal(done.desiredNumberScheduled, 2);
  const after = await live();
  t.equal(after.length, 2);
  t.ok(after.every((x) => !before.has(x.metadata!.name!) && x.metadata?.labels?.v === '2'));
});

// Table tests of the DaemonSet controller's pure decisions: which nodes run a daemon pod, what
// manage and the rolling update change, and the status counts.
import t from 'tap';
import { nodeShouldRunDaemonPod, pinToNode, targetNodeName, withDaemonTolerations } from '../../../components/controllers/daemonset/node-eligibility.js';
import { computeDaemonStatus } from '../../../components/controllers/daemonset/status.js';
import { planManage, planRollingUpdate } from '../../../components/controllers/daemonset/sync-plan.js';
import type { DaemonSet, Node, Pod } from '../../../components/controllers/workload-common/types.js';

const node = (name: string, spec: Node['spec'] = {}, labels: Record<string, string> = {}): Node => ({ metadata: { name, labels }, spec });
const ds = (spec: Record<string, unknown> = {}, strategy: DaemonSet['spec'] = {}): DaemonSet => ({
  metadata: { name: 'agent', namespace: 'ns', uid: 'u' },
  spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [], ...spec } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, ...strategy },
});
const pod = (name: string, nodeName: string, o: { hash?: string; ready?: boolean; phase?: string; created?: string } = {}): Pod => ({
  metadata: { name, labels: { 'controller-revision-hash': o.hash ?? 'new' }, creationTimestamp: o.created ?? '2024-01-01T00:00:00Z' },
  spec: { nodeName },
  status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});

t.test('nodeShouldRunDaemonPod', async (t) => {
  const cases: Array<[string, Node, DaemonSet, boolean, boolean]> = [
    ['a plain node', node('n'), ds(), true, true],
    ['unschedulable nodes still run daemons', node('n', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), ds(), true, true],
    ['an untolerated NoSchedule taint', node('n', { taints: [{ key: 'x', effect: 'NoSchedule' }] }), ds(), false, true],
    ['an untolerated NoExecute taint', node('n', { taints: [{ key: 'x', effect: 'NoExecute' }] }), ds(), false, false],
    ['a tolerated taint', node('n', { taints: [{ key: 'x', effect: 'NoSchedule' }] }), ds({ tolerations: [{ key: 'x', operator: 'Exists' }] }), true, true],
    ['not-ready NoExecute is tolerated', node('n', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), ds(), true, true],
    ['network-unavailable only with hostNetwork', node('n', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }), ds({ hostNetwork: true }), true, true],
    ['node selector mismatch', node('n', {}, { disk: 'hdd' }), ds({ nodeSelector: { disk: 'ssd' } }), false, false],
    ['node selector match', node('n', {}, { disk: 'ssd' }), ds({ nodeSelector: { disk: 'ssd' } }), true, true],
    ['nodeName elsewhere', node('n'), ds({ nodeName: 'other' }), false, false],
  ];
  for (const [name, n, d, run, stay] of cases) t.same(nodeShouldRunDaemonPod(n, d), { shouldRun: run, shouldContinueRunning: stay }, name);
  t.same(withDaemonTolerations({}).tolerations?.map((x) => `${x.key}:${x.effect}`), [
    'node.kubernetes.io/not-ready:NoExecute',
    'node.kubernetes.io/unreachable:NoExecute',
    'node.kubernetes.io/disk-pressure:NoSchedule',
    'node.kubernetes.io/memory-pressure:NoSchedule',
    'node.kubernetes.io/pid-pressure:NoSchedule',
    'node.kubernetes.io/unschedulable:NoSchedule',
  ]);
  const affinity = pinToNode({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] } } }, 'n1');
  t.equal(targetNodeName({ spec: { affinity } }), 'n1', 'the required terms are replaced by the node');
});

t.test('planManage and planRollingUpdate', async (t) => {
  const nodes = [node('n1'), node('n2'), node('n3', { taints: [{ key: 'x', effect: 'NoExecute' }] })];
  const map = (pods: Pod[]) => {
    const m = new Map<string, Pod[]>();
    for (const p of pods) m.set(p.spec!.nodeName!, [...(m.get(p.spec!.nodeName!) ?? []), p]);
    return m;
  };
  const names = (p: { createOn: string[]; delete: Array<{ pod: Pod; why: string }> }) => ({ create: p.createOn, delete: p.delete.map((d) => `${d.pod.metadata?.name}:${d.why}`) });
  const now = Date.now();
  t.same(names(planManage(ds(), nodes, map([]), 'new', now)), { create: ['n1', 'n2'], delete: [] }, 'one pod per eligible node');
  t.same(names(planManage(ds(), nodes, map([pod('a', 'n1'), pod('b', 'n3'), pod('c', 'gone')]), 'new', now)), { create: ['n2'], delete: ['b:not eligible', 'c:node gone'] });
  t.same(names(planManage(ds(), nodes, map([pod('a', 'n1'), pod('a2', 'n1', { created: '2024-02-01T00:00:00Z' }), pod('b', 'n2', { phase: 'Failed' })]), 'new', now)), { create: [], delete: ['a2:excess', 'b:failed'] });
  const old = [pod('a', 'n1', { hash: 'old' }), pod('b', 'n2', { hash: 'old' })];
  t.same(names(planRollingUpdate(ds(), nodes, map(old), 'new', now)), { create: [], delete: ['a:outdated'] }, 'maxUnavailable 1: one at a time');
  t.same(names(planRollingUpdate(ds(), nodes, map([pod('a', 'n1', { ready: false }), old[1]!]), 'new', now)), { create: [], delete: [] }, 'an unavailable new pod uses the budget');
  t.same(names(planRollingUpdate(ds(), nodes, map([pod('a', 'n1', { hash: 'old', ready: false }), old[1]!]), 'new', now)), { create: [], delete: ['a:outdated and unavailable', 'b:outdated'] });
  const surge = ds({}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
  t.same(names(planRollingUpdate(surge, nodes, map(old), 'new', now)), { create: ['n1'], delete: [] }, 'surge creates beside the old pod');
  t.same(names(planRollingUpdate(surge, nodes, map([...old, pod('a-new', 'n1')]), 'new', now)), { create: ['n2'], delete: ['a:replaced'] }, 'then deletes the old one, and surges on the next node');
});

t.test('computeDaemonStatus', async (t) => {
  const nodes = [node('n1'), node('n2'), node('n3', { taints: [{ key: 'x', effect: 'NoSchedule' }] })];
  const m = new Map([['n1', [pod('a', 'n1')]], ['n3', [pod('c', 'n3', { hash: 'old', ready: false })]]]);
  t.same(computeDaemonStatus(ds(), nodes, m, 'new', Date.now()), {
    desiredNumberScheduled: 2,
    currentNumberScheduled: 1,
    numberMisscheduled: 1,
    numberReady: 1,
    updatedNumberScheduled: 1,
    numberAvailable: 1,
    numberUnavailable: 1,
  });
});

// Filter verdicts of each default plugin, with upstream's reasons and codes.
import t from 'tap';
import { CycleState } from '../../../components/scheduler/framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../../../components/scheduler/framework/interfaces.js';
import { buildSnapshot, type SnapshotInput } from '../../../components/scheduler/framework/snapshot.js';
import type { Pod } from '../../../components/scheduler/framework/api-types.js';
import type { Status } from '../../../components/scheduler/framework/status.js';
import { NodeUnschedulable } from '../../../components/scheduler/plugins/node-unschedulable.js';
import { NodeName } from '../../../components/scheduler/plugins/node-name.js';
import { TaintToleration } from '../../../components/scheduler/plugins/taint-toleration.js';
import { NodeAffinity } from '../../../components/scheduler/plugins/node-affinity.js';
import { NodePorts } from '../../../components/scheduler/plugins/node-ports.js';
import { NodeResourcesFit } from '../../../components/scheduler/plugins/node-resources-fit.js';
import { VolumeBinding } from '../../../components/scheduler/plugins/volume-binding.js';
import { PodTopologySpread } from '../../../components/scheduler/plugins/pod-topology-spread.js';
import { InterPodAffinity } from '../../../components/scheduler/plugins/inter-pod-affinity.js';
import { node, pod } from './fixtures.js';

/** Runs PreFilter (if any) then Filter on every node; returns "code: reasons" per node, or the PreFilter verdict. */
function run(plugin: FilterPlugin & Partial<PreFilterPlugin>, p: Pod, input: SnapshotInput): Record<string, string> | string {
  const snap = buildSnapshot(input);
  const state = new CycleState(snap);
  const pre = plugin.preFilter?.(state, p);
  if (pre && pre.code !== 'Success' && pre.code !== 'Skip') return fmt(pre);
  const out: Record<string, string> = {};
  for (const n of snap.nodeInfos) out[n.name] = fmt(plugin.filter(state, p, n));
  return out;
}
const fmt = (s: Status) => (s.code === 'Success' ? 'ok' : `${s.code}: ${s.reasons.join(' | ')}`);
const U = 'Unschedulable: ';
const UU = 'UnschedulableAndUnresolvable: ';

t.test('NodeUnschedulable and NodeName', async (t) => {
  const nodes = [node('a', { unschedulable: true }), node('b')];
  t.same(run(new NodeUnschedulable(), pod('p'), { nodes }), { a: `${UU}node(s) were unschedulable`, b: 'ok' });
  const tolerant = pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
  t.same(run(new NodeUnschedulable(), tolerant, { nodes }), { a: 'ok', b: 'ok' });
  t.same(run(new NodeName(), pod('p', { nodeName: 'b' }), { nodes }), { a: `${UU}node(s) didn't match the requested node name`, b: 'ok' });
});

t.test('TaintToleration filter', async (t) => {
  const nodes = [
    node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
    node('gpu', { taints: [{ key: 'gpu', value: 'true', effect: 'NoExecute' }] }),
    node('soft', { taints: [{ key: 'x', value: 'y', effect: 'PreferNoSchedule' }] }),
  ];
  t.same(run(new TaintToleration(), pod('p'), { nodes }), {
    cp: `${UU}node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`,
    gpu: `${UU}node(s) had untolerated taint {gpu: true}`,
    soft: 'ok',
  });
  const tol = pod('p', { tolerations: [{ key: 'gpu', operator: 'Equal', value: 'true' }, { operator: 'Exists', effect: 'NoSchedule' }] });
  t.same(run(new TaintToleration(), tol, { nodes }), { cp: 'ok', gpu: 'ok', soft: 'ok' });
  const wrongValue = pod('p', { tolerations: [{ key: 'gpu', value: 'false', effect: 'NoExecute' }] });
  t.equal((run(new TaintToleration(), wrongValue, { nodes }) as Record<string, string>).gpu, `${UU}node(s) had untolerated taint {gpu: true}`);
});

t.test('NodeAffinity: nodeSelector and every operator', async (t) => {
  const nodes = [node('a', { labels: { zone: 'z1', cores: '8' } }), node('b', { labels: { zone: 'z2', cores: '2' } }), node('c')];
  const R = `${UU}node(s) didn't match Pod's node affinity/selector`;
  const req = (...matchExpressions: Array<{ key: string; operator: string; values?: string[] }>) =>
    pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } } });
  const cases: Array<[string, Pod, Record<string, string>]> = [
    ['nodeSelector', pod('p', { nodeSelector: { zone: 'z1' } }), { a: 'ok', b: R, c: R }],
    ['In', req({ key: 'zone', operator: 'In', values: ['z1', 'z2'] }), { a: 'ok', b: 'ok', c: R }],
    ['NotIn (absent label matches)', req({ key: 'zone', operator: 'NotIn', values: ['z1'] }), { a: R, b: 'ok', c: 'ok' }],
    ['Exists', req({ key: 'zone', operator: 'Exists' }), { a: 'ok', b: 'ok', c: R }],
    ['DoesNotExist', req({ key: 'zone', operator: 'DoesNotExist' }), { a: R, b: R, c: 'ok' }],
    ['Gt', req({ key: 'cores', operator: 'Gt', values: ['4'] }), { a: 'ok', b: R, c: R }],
    ['Lt', req({ key: 'cores', operator: 'Lt', values: ['4'] }), { a: R, b: 'ok', c: R }],
    ['matchFields metadata.name', pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] }] } } } }), { a: R, b: R, c: 'ok' }],
    ['terms are ORed', pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] }] } } } }), { a: 'ok', b: R, c: 'ok' }],
    ['empty term matches nothing', pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }), { a: R, b: R, c: R }],
  ];
  for (const [name, p, want] of cases) t.same(run(new NodeAffinity(), p, { nodes }), want, name);
});

t.test('NodePorts', async (t) => {
  const withPort = (name: string, hostPort: number, extra: { hostIP?: string; protocol?: string; nodeName?: string } = {}) =>
    pod(name, { nodeName: extra.nodeName, containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, hostIP: extra.hostIP, protocol: extra.protocol }] }] });
  const input = { nodes: [node('a'), node('b'), node('c')], pods: [withPort('x', 8080, { nodeName: 'a' }), withPort('y', 8080, { nodeName: 'b', hostIP: '10.0.0.1' }), withPort('z', 8080, { nodeName: 'c', protocol: 'UDP' })] };
  const R = `${U}node(s) didn't have free ports for the requested pod ports`;
  t.same(run(new NodePorts(), withPort('p', 8080), input), { a: R, b: R, c: 'ok' });
  t.same(run(new NodePorts(), withPort('p', 8080, { hostIP: '10.0.0.2' }), input), { a: R, b: 'ok', c: 'ok' });
});

t.test('NodeResourcesFit', async (t) => {
  const input = {
    nodes: [node('small', { cpu: '1', memory: '1Gi' }), node('busy', { cpu: '2', memory: '4Gi', pods: 1 }), node('gpu', { extra: { 'nvidia.com/gpu': '1' } })],
    pods: [pod('x', { nodeName: 'busy', cpu: '1500m', memory: '1Gi' })],
  };
  t.same(run(new NodeResourcesFit(), pod('p', { cpu: '1', memory: '2Gi' }), input), {
    small: `${UU}Insufficient memory`,
    busy: `${U}Too many pods | Insufficient cpu`,
    gpu: 'ok',
  });
  t.same(run(new NodeResourcesFit(), pod('p', { cpu: '2' }), input), { small: `${UU}Insufficient cpu`, busy: `${U}Too many pods | Insufficient cpu`, gpu: 'ok' });
  const gpuPod = pod('p', { containers: [{ name: 'c', resources: { requests: { 'nvidia.com/gpu': '1' } } }] });
  t.same(run(new NodeResourcesFit(), gpuPod, input), { small: `${UU}Insufficient nvidia.com/gpu`, busy: `${UU}Too many pods | Insufficient nvidia.com/gpu`, gpu: 'ok' });
});

t.test('VolumeBinding', async (t) => {
  const nodes = [node('a', { labels: { zone: 'z1' } }), node('b', { labels: { zone: 'z2' } })];
  const done = { 'pv.kubernetes.io/bind-completed': 'yes' };
  const pvc = (name: string, spec: { volumeName?: string; storageClassName?: string }, meta: { annotations?: Record<string, string>; deletionTimestamp?: string } = {}, phase?: string) => ({
    metadata: { name, namespace: 'default', ...meta },
    spec,
    ...(phase ? { status: { phase } } : {}),
  });
  const pv = { metadata: { name: 'pv1' }, spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }] } } } };
  const withClaim = (...claims: string[]) => pod('p', { volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) });
  const input = {
    nodes,
    pvcs: [
      pvc('bound', { volumeName: 'pv1' }, { annotations: done }, 'Bound'),
      pvc('bound-nowhere', { volumeName: 'gone' }, { annotations: done }, 'Bound'),
      pvc('prebound', { volumeName: 'pv1', storageClassName: 'local' }),
      pvc('immediate', { storageClassName: 'fast' }),
      pvc('no-class', {}),
      pvc('unknown-class', { storageClassName: 'nope' }),
      pvc('wffc', { storageClassName: 'local' }),
      pvc('lost', { volumeName: 'gone' }, { annotations: done }, 'Lost'),
      pvc('deleting', { storageClassName: 'local' }, { deletionTimestamp: '2024-01-01T00:00:00Z' }),
    ],
    pvs: [pv],
    storageClasses: [{ metadata: { name: 'fast' }, volumeBindingMode: 'Immediate' }, { metadata: { name: 'local' }, volumeBindingMode: 'WaitForFirstConsumer' }],
  };
  const cases: Array<[string[], Record<string, string> | string]> = [
    [['bound'], { a: 'ok', b: `${UU}node(s) had volume node affinity conflict` }],
    [['bound-nowhere'], { a: `${UU}node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)`, b: `${UU}node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)` }],
    [['prebound'], `${UU}pod has unbound immediate PersistentVolumeClaims`],
    [['immediate'], `${UU}pod has unbound immediate PersistentVolumeClaims`],
    [['no-class'], `${UU}pod has unbound immediate PersistentVolumeClaims`],
    [['unknown-class'], `${UU}pod has unbound immediate PersistentVolumeClaims`],
    [['wffc'], { a: 'ok', b: 'ok' }],
    [['wffc', 'bound'], { a: 'ok', b: `${UU}node(s) had volume node affinity conflict` }],
    [['missing'], `${UU}persistentvolumeclaim "missing" not found`],
    [['wffc', 'immediate', 'missing'], `${UU}persistentvolumeclaim "missing" not found`],
    [['lost'], `${UU}persistentvolumeclaim "lost" bound to non-existent persistentvolume "gone"`],
    [['deleting'], `${UU}persistentvolumeclaim "deleting" is being deleted`],
  ];
  for (const [claims, want] of cases) t.same(run(new VolumeBinding(), withClaim(...claims), input), want, claims.join(','));
  t.same(run(new VolumeBinding(), pod('p'), input), { a: 'ok', b: 'ok' }, 'no claims: skipped');
});

t.test('PodTopologySpread DoNotSchedule', async (t) => {
  const zones = [node('a1', { labels: { zone: 'z1' } }), node('a2', { labels: { zone: 'z1' } }), node('b1', { labels: { zone: 'z2' } }), node('nolabel')];
  const app = { app: 'web' };
  const spread = (maxSkew: number, extra: { minDomains?: number } = {}) => pod('p', { labels: app, topologySpreadConstraints: [{ maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: app }, ...extra }] });
  const existing = [pod('w1', { labels: app, nodeName: 'a1' }), pod('w2', { labels: app, nodeName: 'a2' }), pod('other', { labels: { app: 'db' }, nodeName: 'b1' })];
  const R = `${U}node(s) didn't match pod topology spread constraints`;
  const L = `${UU}node(s) didn't match pod topology spread constraints (missing required label)`;
  // z1 has 2, z2 has 0: placing in z1 gives skew 3, in z2 skew 1.
  t.same(run(new PodTopologySpread(), spread(1), { nodes: zones, pods: existing }), { a1: R, a2: R, b1: 'ok', nolabel: L });
  t.same(run(new PodTopologySpread(), spread(3), { nodes: zones, pods: existing }), { a1: 'ok', a2: 'ok', b1: 'ok', nolabel: L });
  // minDomains 3 with only 2 domains: the global minimum counts as 0, so z2 (0 + 1 - 0) still fits maxSkew 1.
  t.same(run(new PodTopologySpread(), spread(1, { minDomains: 3 }), { nodes: zones, pods: existing }), { a1: R, a2: R, b1: 'ok', nolabel: L });
  // nodeTaintsPolicy Honor drops tainted nodes' domains from the count.
  const tainted = [node('a1', { labels: { zone: 'z1' } }), node('b1', { labels: { zone: 'z2' }, taints: [{ key: 'k', effect: 'NoSchedule' }] })];
  const honor = pod('p', { labels: app, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: app }, nodeTaintsPolicy: 'Honor' }] });
  t.same(run(new PodTopologySpread(), honor, { nodes: tainted, pods: [pod('w1', { labels: app, nodeName: 'a1' })] }), { a1: 'ok', b1: 'ok' });
  const ignore = pod('p', { labels: app, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: app } }] });
  t.same(run(new PodTopologySpread(), ignore, { nodes: tainted, pods: [pod('w1', { labels: app, nodeName: 'a1' })] }), { a1: R, b1: 'ok' });
});

t.test('InterPodAffinity required terms and symmetry', async (t) => {
  const nodes = [node('a', { labels: { zone: 'z1' } }), node('b', { labels: { zone: 'z1' } }), node('c', { labels: { zone: 'z2' } })];
  const term = (labels: Record<string, string>, topologyKey = 'zone') => ({ labelSelector: { matchLabels: labels }, topologyKey });
  const db = pod('db', { labels: { app: 'db' }, nodeName: 'a' });
  const affinity = pod('p', { labels: { app: 'web' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } } });
  t.same(run(new InterPodAffinity(), affinity, { nodes, pods: [db] }), { a: 'ok', b: 'ok', c: `${UU}node(s) didn't match pod affinity rules` });
  const anti = pod('p', { labels: { app: 'web' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, 'kubernetes.io/hostname')] } } });
  t.same(run(new InterPodAffinity(), anti, { nodes, pods: [db] }), { a: `${U}node(s) didn't match pod anti-affinity rules`, b: 'ok', c: 'ok' });
  const lonely = pod('lonely', { labels: { app: 'x' }, nodeName: 'c', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } });
  t.same(run(new InterPodAffinity(), pod('p', { labels: { app: 'web' } }), { nodes, pods: [lonely] }), { a: 'ok', b: 'ok', c: `${U}node(s) didn't satisfy existing pods anti-affinity rules` });
  // The first pod of a self-affine group may go anywhere with the topology key.
  const self = pod('p', { labels: { app: 'web' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } });
  t.same(run(new InterPodAffinity(), self, { nodes, pods: [] }), { a: 'ok', b: 'ok', c: 'ok' });
  // Another namespace is not matched unless listed.
  const otherNs = pod('db2', { labels: { app: 'db' }, nodeName: 'c', namespace: 'other' });
  t.same(run(new InterPodAffinity(), affinity, { nodes, pods: [otherNs] }), { a: `${UU}node(s) didn't match pod affinity rules`, b: `${UU}node(s) didn't match pod affinity rules`, c: `${UU}node(s) didn't match pod affinity rules` });
});

// Normalized scores of each score plugin, checked against upstream's formulas worked by hand.
import t from 'tap';
import { CycleState } from '../../../components/scheduler/framework/cycle-state.js';
import type { Plugin } from '../../../components/scheduler/framework/interfaces.js';
import { makeProfile } from '../../../components/scheduler/framework/profile.js';
import { buildSnapshot, type SnapshotInput } from '../../../components/scheduler/framework/snapshot.js';
import { selectorFromSet } from '../../../components/scheduler/framework/selectors.js';
import type { Pod } from '../../../components/scheduler/framework/api-types.js';
import { compileProfile, prioritizeNodes } from '../../../components/scheduler/core/run-plugins.js';
import { TaintToleration } from '../../../components/scheduler/plugins/taint-toleration.js';
import { NodeAffinity } from '../../../components/scheduler/plugins/node-affinity.js';
import { NodeResourcesFit } from '../../../components/scheduler/plugins/node-resources-fit.js';
import { NodeResourcesBalancedAllocation } from '../../../components/scheduler/plugins/node-resources-balanced-allocation.js';
import { ImageLocality, MAX_CONTAINER_THRESHOLD, MIN_THRESHOLD } from '../../../components/scheduler/plugins/image-locality.js';
import { PodTopologySpread } from '../../../components/scheduler/plugins/pod-topology-spread.js';
import { InterPodAffinity } from '../../../components/scheduler/plugins/inter-pod-affinity.js';
import { node, pod } from './fixtures.js';

function scores(plugin: Plugin, p: Pod, input: SnapshotInput, defaultSpread?: Record<string, string>): Record<string, number> {
  const snap = buildSnapshot(input);
  const state = new CycleState(snap, defaultSpread ? { defaultSpreadSelector: selectorFromSet(defaultSpread) } : {});
  const list = prioritizeNodes(compileProfile(makeProfile({ plugins: [{ plugin }] })), state, p, snap.nodeInfos);
  return Object.fromEntries(list.map((s) => [s.name, s.totalScore]));
}
const MiB = 2 ** 20;

t.test('NodeResourcesFit LeastAllocated with non-zero requests', async (t) => {
  const input = { nodes: [node('busy'), node('idle')], pods: [pod('x', { nodeName: 'busy', cpu: '1', memory: '2Gi' })] };
  // busy: cpu (4000-2000)*100/4000 = 50, memory (8-4)*100/8 = 50 → 50; idle: 75 and 75 → 75.
  t.same(scores(new NodeResourcesFit(), pod('p', { cpu: '1', memory: '2Gi' }), input), { busy: 50, idle: 75 });
  // A pod without requests counts 100m / 200Mi: cpu (4000-100)*100/4000 = 97, memory (8Gi-200Mi)*100/8Gi = 97.
  t.same(scores(new NodeResourcesFit(), pod('p'), { nodes: [node('idle')] }), { idle: Math.trunc(((4000 - 100) * 100) / 4000) });
});

t.test('NodeResourcesBalancedAllocation', async (t) => {
  const input = { nodes: [node('a'), node('b')], pods: [pod('x', { nodeName: 'a', cpu: '1', memory: '3Gi' })] };
  // a: cpu 2000/4000 = .5, mem 4/8 = .5 → 100. b: .25 vs 1/8 → std .0625 → int(93.75) = 93.
  t.same(scores(new NodeResourcesBalancedAllocation(), pod('p', { cpu: '1', memory: '1Gi' }), input), { a: 100, b: 93 });
  t.same(scores(new NodeResourcesBalancedAllocation(), pod('p'), input), { a: 0, b: 0 }, 'skipped for a best-effort pod');
});

t.test('TaintToleration: PreferNoSchedule counts, reversed', async (t) => {
  const soft = (key: string) => ({ key, effect: 'PreferNoSchedule' });
  const nodes = [node('none'), node('one', { taints: [soft('a')] }), node('two', { taints: [soft('a'), soft('b')] })];
  t.same(scores(new TaintToleration(), pod('p'), { nodes }), { none: 100, one: 50, two: 0 });
  const tol = pod('p', { tolerations: [{ key: 'a', operator: 'Exists' }] });
  t.same(scores(new TaintToleration(), tol, { nodes }), { none: 100, one: 100, two: 0 });
});

t.test('NodeAffinity preferred weights', async (t) => {
  const nodes = [node('a', { labels: { zone: 'z1', disk: 'ssd' } }), node('b', { labels: { disk: 'ssd' } }), node('c')];
  const p = pod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] } },
    { weight: 8, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
  ] } } });
  t.same(scores(new NodeAffinity(), p, { nodes }), { a: 100, b: 80, c: 0 });
});

t.test('ImageLocality', async (t) => {
  const img = { names: ['registry/app:v1'], sizeBytes: 250 * MiB };
  const nodes = [node('a', { images: [img] }), node('b', { images: [img] }), node('c')];
  const p = pod('p', { containers: [{ name: 'c', image: 'registry/app:v1' }] });
  const sum = Math.trunc(250 * MiB * (2 / 3));
  const want = Math.trunc((100 * (sum - MIN_THRESHOLD)) / (MAX_CONTAINER_THRESHOLD - MIN_THRESHOLD));
  t.same(scores(new ImageLocality(), p, { nodes }), { a: want, b: want, c: 0 });
  t.equal(want, 14);
});

t.test('PodTopologySpread ScheduleAnyway and cluster defaults', async (t) => {
  const app = { app: 'web' };
  const nodes = [node('a'), node('b'), node('c')];
  const pods = [pod('w1', { labels: app, nodeName: 'a' }), pod('w2', { labels: app, nodeName: 'a' }), pod('w3', { labels: app, nodeName: 'b' })];
  const p = pod('p', { labels: app, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: app } }] });
  // raw = round(cnt * ln(3 + 2)): a 3, b 2, c 0; normalized 100 * (max + min - s) / max.
  t.same(scores(new PodTopologySpread(), p, { nodes, pods }), { a: 0, b: 33, c: 100 });
  // Defaults (hostname maxSkew 3, zone maxSkew 5) apply with a default selector; no zone labels:
  // hostname raw = round(cnt * ln 5 + 2): a 5, b 4, c 2 → 100*(5+2-s)/5 = 40, 60, 100.
  t.same(scores(new PodTopologySpread(), pod('p', { labels: app }), { nodes, pods }, app), { a: 40, b: 60, c: 100 });
  t.same(scores(new PodTopologySpread(), pod('p', { labels: app }), { nodes, pods }), { a: 0, b: 0, c: 0 }, 'no selector, no defaults');
});

t.test('InterPodAffinity preferred terms and existing pods', async (t) => {
  const nodes = [node('a', { labels: { zone: 'z1' } }), node('b', { labels: { zone: 'z1' } }), node('c', { labels: { zone: 'z2' } })];
  const db = pod('db', { labels: { app: 'db' }, nodeName: 'a' });
  const p = pod('p', { labels: { app: 'web' }, affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' } }] } } });
  t.same(scores(new InterPodAffinity(), p, { nodes, pods: [db] }), { a: 100, b: 100, c: 0 });
  // An existing pod's preferred anti-affinity to the incoming pod lowers its zone: z2 -3 → 0, z1 0 → 100.
  const shy = pod('shy', { labels: { app: 'x' }, nodeName: 'c', affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone' } }] } } });
  t.same(scores(new InterPodAffinity(), pod('q', { labels: { app: 'web' } }), { nodes, pods: [shy] }), { a: 100, b: 100, c: 0 });
});

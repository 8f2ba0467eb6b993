// findPlacement: FitError messages, percentageOfNodesToScore, the rotating start index,
// tie-breaking and a 1,000 × 1,000 run.
import t from 'tap';
import { findPlacement, numFeasibleNodesToFind, selectHost } from '../../../components/scheduler/core/schedule-one.js';
import { fitErrorMessage } from '../../../components/scheduler/core/fit-error.js';
import { buildSnapshot } from '../../../components/scheduler/framework/snapshot.js';
import { addPod } from '../../../components/scheduler/framework/node-info.js';
import { defaultProfile } from '../../../components/scheduler/plugins/default-plugins.js';
import { unresolvable, unschedulable } from '../../../components/scheduler/framework/status.js';
import type { Pod } from '../../../components/scheduler/framework/api-types.js';
import { node, pod, sequence } from './fixtures.js';

const profile = defaultProfile();
const cp = node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });

function message(p: Pod, input: Parameters<typeof buildSnapshot>[0]): string {
  const r = findPlacement(p, buildSnapshot(input), profile, { random: () => 0 });
  if (!('unschedulable' in r)) throw new Error(`scheduled on ${r.node}`);
  return r.message;
}

t.test('FitError message format', async (t) => {
  t.equal(
    message(pod('p', { cpu: '8' }), { nodes: [cp, node('w1'), node('w2')] }),
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  t.equal(
    message(pod('p', { cpu: '3' }), { nodes: [cp, node('w1'), node('w2')], pods: [pod('x', { nodeName: 'w1', cpu: '2' }), pod('y', { nodeName: 'w2', cpu: '2' })] }),
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  );
  t.equal(
    message(pod('p', { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] }), { nodes: [node('a'), node('b'), node('c')], pvcs: [{ metadata: { name: 'data', namespace: 'default' }, spec: {} }] }),
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  t.equal(
    message(pod('p', { cpu: '3', priority: 100, preemptionPolicy: 'Never' }), { nodes: [node('w1')], pods: [pod('x', { nodeName: 'w1', cpu: '2' })] }),
    '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
  );
  // A node failing two resources counts in both; reasons sort as strings ("10 ..." before "2 ...").
  const statuses = new Map([['a', unschedulable('Insufficient cpu', 'Insufficient memory')], ['b', unresolvable('node(s) were unschedulable')]]);
  for (let i = 0; i < 10; i++) statuses.set(`n${i}`, unresolvable("node(s) didn't match Pod's node affinity/selector"));
  t.equal(fitErrorMessage(12, { nodeToStatus: statuses, unschedulablePlugins: new Set() }),
    "0/12 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) were unschedulable, 10 node(s) didn't match Pod's node affinity/selector.");
});

t.test('numFeasibleNodesToFind', async (t) => {
  const cases: Array<[number, number, number]> = [
    [0, 50, 50], [0, 99, 99], [0, 100, 100], [0, 1000, 420], [0, 5000, 500], [0, 6000, 300], [0, 10000, 500],
    [10, 500, 100], [10, 5000, 500], [100, 1000, 1000], [30, 1000, 300],
  ];
  for (const [pct, nodes, want] of cases) t.equal(numFeasibleNodesToFind(pct, nodes), want, `${pct}% of ${nodes}`);
});

t.test('the scan starts at startIndex and stops after enough feasible nodes', async (t) => {
  const nodes = Array.from({ length: 200 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));
  const r = findPlacement(pod('p'), buildSnapshot({ nodes }), profile, { startIndex: 150, random: () => 0 });
  t.notOk('unschedulable' in r);
  if ('unschedulable' in r) return;
  t.equal(r.feasible, 100, '50 - 200/125 = 49% of 200 = 98, at least 100');
  t.equal(r.evaluated, 100);
  t.equal(r.nextStartIndex, 50);
  t.ok(r.scores.every((s) => Number(s.name.slice(1)) >= 150 || Number(s.name.slice(1)) < 50), 'only n150..n199, n000..n049 scored');
});

t.test('ties are broken by reservoir sampling', async (t) => {
  const list = ['a', 'b', 'c'].map((name) => ({ name, scores: {}, totalScore: 10 }));
  t.equal(selectHost(list, () => 0), 'c', 'always replacing picks the last tie');
  t.equal(selectHost(list, () => 0.99), 'a', 'never replacing keeps the first');
  t.equal(selectHost(list, sequence(0.4, 0.5)), 'b', 'k=2 replaces (0.4*2 < 1), k=3 keeps (0.5*3 >= 1)');
  t.equal(selectHost([...list, { name: 'd', scores: {}, totalScore: 11 }], () => 0), 'd');
  const r = findPlacement(pod('p'), buildSnapshot({ nodes: [node('x'), node('y'), node('z')] }), profile, { random: () => 0 });
  t.equal('node' in r && r.node, 'z');
});

t.test('scores combine plugin weights', async (t) => {
  const r = findPlacement(pod('p', { cpu: '1', memory: '1Gi' }), buildSnapshot({ nodes: [node('a'), node('b', { cpu: '8', memory: '16Gi' })] }), profile, { random: () => 0 });
  if (!('node' in r)) return t.fail('unschedulable');
  t.equal(r.node, 'b');
  const b = r.scores.find((s) => s.name === 'b')!;
  // LeastAllocated: cpu (8000-1000)*100/8000 = 87, memory (16-1)*100/16 = 93 → 90; Balanced: 1/8 vs 1/16 → int((1-1/32)*100) = 96;
  // TaintToleration 100 * 3; ImageLocality 0.
  t.same(b.scores, { TaintToleration: 300, NodeResourcesFit: 90, NodeResourcesBalancedAllocation: 96, ImageLocality: 0 });
  t.equal(b.totalScore, 486);
});

t.test('1,000 nodes × 1,000 pods in process', async (t) => {
  const zones = ['z1', 'z2', 'z3'];
  const nodes = Array.from({ length: 1000 }, (_, i) => node(`n${i}`, { labels: { 'topology.kubernetes.io/zone': zones[i % 3]! } }));
  const snapshot = buildSnapshot({ nodes });
  const started = performance.now();
  let next = 0;
  for (let i = 0; i < 1000; i++) {
    const p = pod(`p${i}`, { cpu: '100m', memory: '128Mi', labels: { app: `app${i % 10}` } });
    const r = findPlacement(p, snapshot, profile, { startIndex: next, random: Math.random, defaultSpreadSelector: { requirements: [{ key: 'app', operator: '=', values: [`app${i % 10}`] }] } });
    if (!('node' in r)) return t.fail(r.message);
    next = r.nextStartIndex;
    addPod(snapshot.byName.get(r.node)!, { ...p, spec: { ...p.spec, nodeName: r.node } });
  }
  const ms = performance.now() - started;
  t.comment(`1000 pods on 1000 nodes: ${ms.toFixed(0)} ms (${(ms / 1000).toFixed(2)} ms per pod)`);
  t.ok(ms < 60_000);
  const counts = snapshot.nodeInfos.map((n) => n.pods.length);
  t.ok(Math.max(...counts) <= 3, 'spread across nodes');
});

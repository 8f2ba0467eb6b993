// DefaultPreemption: victim selection (reprieve most important first), node choice criteria,
// and the PostFilter messages.
import t from 'tap';
import { preempt } from '../../../components/scheduler/core/preemption.js';
import { pickOneNodeForPreemption } from '../../../components/scheduler/core/pick-node.js';
import { findPlacement } from '../../../components/scheduler/core/schedule-one.js';
import { buildSnapshot, type SnapshotInput } from '../../../components/scheduler/framework/snapshot.js';
import { defaultProfile } from '../../../components/scheduler/plugins/default-plugins.js';
import type { Pod } from '../../../components/scheduler/framework/api-types.js';
import { node, pod } from './fixtures.js';

const profile = defaultProfile();
const names = (pods: readonly Pod[] | undefined) => (pods ?? []).map((p) => p.metadata.name);

function place(p: Pod, input: SnapshotInput) {
  const r = findPlacement(p, buildSnapshot(input), profile, { random: () => 0 });
  if (!('unschedulable' in r)) throw new Error(`scheduled on ${r.node}`);
  return r;
}

t.test('victims are chosen minimally, most important reprieved first', async (t) => {
  const input = {
    nodes: [node('a')],
    pods: [
      pod('low', { nodeName: 'a', cpu: '2', priority: 1 }),
      pod('mid', { nodeName: 'a', cpu: '1', priority: 5 }),
      pod('high', { nodeName: 'a', cpu: '1', priority: 50 }),
    ],
  };
  const r = place(pod('p', { cpu: '2', priority: 10 }), input);
  t.equal(r.nominatedNode, 'a');
  t.same(names(r.victims), ['low'], 'mid is reprieved (fits with it), high is never a victim');
  t.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu.', 'no PostFilter message when preemption succeeds');
});

t.test('node choice: lowest highest-victim priority, then smallest sum, then fewest victims', async (t) => {
  const byHighest = place(pod('p', { cpu: '2', priority: 10 }), {
    nodes: [node('a'), node('b')],
    pods: [pod('x', { nodeName: 'a', cpu: '3', priority: 5 }), pod('y', { nodeName: 'b', cpu: '3', priority: 1 })],
  });
  t.equal(byHighest.nominatedNode, 'b');
  const bySum = place(pod('p', { cpu: '3', priority: 10 }), {
    nodes: [node('a'), node('b')],
    pods: [pod('a1', { nodeName: 'a', cpu: '2', priority: 1 }), pod('a2', { nodeName: 'a', cpu: '2', priority: 1 }), pod('b1', { nodeName: 'b', cpu: '4', priority: 1 })],
  });
  t.equal(bySum.nominatedNode, 'b');
  t.same(names(bySum.victims), ['b1']);
});

t.test('node choice: latest start time of the highest-priority victims', async (t) => {
  const r = place(pod('p', { cpu: '2', priority: 10 }), {
    nodes: [node('a'), node('b')],
    pods: [
      pod('old', { nodeName: 'a', cpu: '3', priority: 1, startTime: '2024-01-01T00:00:00Z' }),
      pod('new', { nodeName: 'b', cpu: '3', priority: 1, startTime: '2024-06-01T00:00:00Z' }),
    ],
  });
  t.equal(r.nominatedNode, 'b');
  t.equal(pickOneNodeForPreemption([
    { node: 'x', victims: [pod('v', { priority: 1 })], numPDBViolations: 1 },
    { node: 'y', victims: [pod('w', { priority: 3 })], numPDBViolations: 0 },
  ], 0).node, 'y', 'fewest PDB violations first');
});

t.test('messages when preemption cannot help', async (t) => {
  const higher = place(pod('p', { cpu: '2', priority: 10 }), { nodes: [node('a')], pods: [pod('x', { nodeName: 'a', cpu: '3', priority: 20 })] });
  t.equal(higher.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  // Evicting everything would still not free a host port held by a higher-priority pod.
  const port = (name: string, extra: Partial<Pod['spec']> & { nodeName?: string }) =>
    pod(name, { ...extra, containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }], resources: { requests: { cpu: '3' } } }] });
  const stuck = place(port('p', { priority: 10 }), { nodes: [node('a')], pods: [port('x', { nodeName: 'a', priority: 20 }), pod('y', { nodeName: 'a', cpu: '1', priority: 1 })] });
  // Filters stop at the first rejection (NodePorts runs before NodeResourcesFit).
  t.equal(stuck.message, "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
  t.same(preempt(pod('p', { priority: 1, preemptionPolicy: 'Never' }), buildSnapshot({ nodes: [node('a')] }), profile, { nodeToStatus: new Map(), unschedulablePlugins: new Set() }),
    { message: 'preemption: not eligible due to preemptionPolicy=Never.' });
});

t.test('PDB hook: violating victims are reprieved first and counted', async (t) => {
  const input = { nodes: [node('a'), node('b')], pods: [pod('guarded', { nodeName: 'a', cpu: '3', priority: 1 }), pod('free', { nodeName: 'b', cpu: '3', priority: 2 })] };
  const snap = buildSnapshot(input);
  const p = pod('p', { cpu: '2', priority: 10 });
  const first = findPlacement(p, snap, profile, { random: () => 0, preemption: false });
  if (!('unschedulable' in first)) return t.fail('scheduled');
  const r = preempt(p, snap, profile, first.diagnosis, { random: () => 0, pdbViolation: (v) => v.metadata.name === 'guarded' });
  t.same('nominatedNode' in r && [r.nominatedNode, names(r.victims)], ['b', ['free']], 'the node without PDB violations wins despite a higher victim priority');
});

t.test('spreading and affinity state follows removed victims', async (t) => {
  const app = { app: 'web' };
  const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: app } }] };
  // a already holds two web pods (skew would be 3 - 0 > 1 there); b is full of a low-priority pod.
  const r = place(pod('p', { labels: app, cpu: '2', priority: 10, ...spread }), {
    nodes: [node('a'), node('b')],
    pods: [pod('w1', { nodeName: 'a', labels: app, priority: 100 }), pod('w2', { nodeName: 'a', labels: app, priority: 100 }), pod('filler', { nodeName: 'b', cpu: '3', priority: 1 })],
  });
  t.equal(r.nominatedNode, 'b');
  t.same(names(r.victims), ['filler']);
});

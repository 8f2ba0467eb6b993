// NodeInfo resource accounting, quantities and host ports.
import t from 'tap';
import { quantityMilliValue, quantityValue } from '../../../components/scheduler/framework/quantity.js';
import { computePodResource, DEFAULT_MEMORY_REQUEST } from '../../../components/scheduler/framework/resources.js';
import { addPod, hostPortConflicts, newNodeInfo, removePod } from '../../../components/scheduler/framework/node-info.js';
import { buildSnapshot } from '../../../components/scheduler/framework/snapshot.js';
import { node, pod } from './fixtures.js';

t.test('quantities', async (t) => {
  const cases: Array<[string, number, number]> = [
    ['100m', 1, 100],
    ['1', 1, 1000],
    ['0.5', 1, 500],
    ['1.5', 2, 1500],
    ['200Mi', 200 * 1024 * 1024, 200 * 1024 * 1024 * 1000],
    ['1Gi', 2 ** 30, 2 ** 30 * 1000],
    ['1k', 1000, 1_000_000],
    ['1e3', 1000, 1_000_000],
    ['1n', 1, 1],
  ];
  for (const [q, value, milli] of cases) {
    t.equal(quantityValue(q), value, `${q} value`);
    t.equal(quantityMilliValue(q), milli, `${q} milli`);
  }
});

t.test('computePodResourceRequest: containers, init containers, sidecars, overhead, non-zero defaults', async (t) => {
  const p = pod('p', {
    containers: [
      { name: 'a', resources: { requests: { cpu: '100m', memory: '100Mi' } } },
      { name: 'b', resources: { requests: { cpu: '200m' } } },
    ],
    initContainers: [
      { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '50m', memory: '10Mi' } } },
      { name: 'init', resources: { requests: { cpu: '1', memory: '50Mi' } } },
    ],
    overhead: { cpu: '10m', memory: '1Mi' },
  });
  const r = computePodResource(p);
  // containers 300m + sidecar 50m = 350m; init 1000m + sidecar 50m = 1050m → max 1050m, + overhead 10m.
  t.equal(r.resource.milliCPU, 1060);
  // memory: 100Mi + 10Mi = 110Mi vs 50Mi+10Mi → 110Mi + 1Mi.
  t.equal(r.resource.memory, 111 * 1024 * 1024);
  // non-zero: container b has no memory request → 200Mi; init containers get defaults too.
  t.equal(r.non0Mem, 100 * 1024 * 1024 + DEFAULT_MEMORY_REQUEST + 10 * 1024 * 1024 + 1024 * 1024);
  const empty = computePodResource(pod('e'));
  t.same([empty.resource.milliCPU, empty.resource.memory, empty.non0CPU, empty.non0Mem], [0, 0, 100, DEFAULT_MEMORY_REQUEST]);
  const zero = computePodResource(pod('z', { cpu: '0' }));
  t.equal(zero.non0CPU, 0, 'an explicit zero request is not defaulted');
});

t.test('NodeInfo add/remove keeps aggregates', async (t) => {
  const info = newNodeInfo(node('n1'));
  t.equal(info.allocatable.milliCPU, 4000);
  t.equal(info.allocatable.allowedPodNumber, 110);
  const a = pod('a', { cpu: '500m', memory: '1Gi', containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }], resources: { requests: { cpu: '500m', memory: '1Gi' } } }] });
  const b = pod('b');
  addPod(info, a);
  addPod(info, b);
  t.equal(info.requested.milliCPU, 500);
  t.equal(info.nonZeroRequested.milliCPU, 600);
  t.equal(info.nonZeroRequested.memory, 2 ** 30 + DEFAULT_MEMORY_REQUEST);
  t.ok(info.usedPorts.get('0.0.0.0')?.has('TCP/8080'));
  t.ok(removePod(info, a));
  t.equal(info.requested.milliCPU, 0);
  t.equal(info.pods.length, 1);
  t.equal(info.usedPorts.size, 0);
  t.notOk(removePod(info, a));
});

t.test('host port conflicts with the 0.0.0.0 wildcard and protocol', async (t) => {
  const used = new Map([['10.0.0.1', new Set(['TCP/80'])]]);
  t.ok(hostPortConflicts(used, { hostIP: '0.0.0.0', protocol: 'TCP', hostPort: 80 }));
  t.ok(hostPortConflicts(used, { hostIP: '10.0.0.1', protocol: 'TCP', hostPort: 80 }));
  t.notOk(hostPortConflicts(used, { hostIP: '10.0.0.2', protocol: 'TCP', hostPort: 80 }));
  t.notOk(hostPortConflicts(used, { hostIP: '10.0.0.1', protocol: 'UDP', hostPort: 80 }));
  const wild = new Map([['0.0.0.0', new Set(['UDP/53'])]]);
  t.ok(hostPortConflicts(wild, { hostIP: '10.0.0.9', protocol: 'UDP', hostPort: 53 }));
});

t.test('snapshot: terminal pods skipped, image states count nodes', async (t) => {
  const img = { names: ['nginx:1.25'], sizeBytes: 100 };
  const snap = buildSnapshot({
    nodes: [node('n1', { images: [img] }), node('n2', { images: [img] }), node('n3')],
    pods: [pod('a', { nodeName: 'n1' }), { ...pod('done', { nodeName: 'n1' }), status: { phase: 'Succeeded' } }, pod('unbound')],
  });
  t.equal(snap.byName.get('n1')!.pods.length, 1);
  t.equal(snap.byName.get('n1')!.imageStates.get('nginx:1.25')!.numNodes, 2);
  t.equal(snap.byName.get('n3')!.imageStates.size, 0);
});

t.test('pod counts per node are remembered until the node\'s pods change', async (t) => {
  const { countMatchingPodsOn } = await import('../../../components/scheduler/plugins/pod-topology-spread-constraints.js');
  const { labelSelector } = await import('../../../components/scheduler/framework/selectors.js');
  const info = newNodeInfo(node('n1'));
  const web = (name: string) => {
    const p = pod(name);
    p.metadata.labels = { app: 'web' };
    p.metadata.namespace = 'default';
    return p;
  };
  const selector = labelSelector({ matchLabels: { app: 'web' } });
  t.equal(countMatchingPodsOn(info, selector, 'default'), 0);
  const g0 = info.generation;
  const a = web('a');
  addPod(info, a);
  t.not(info.generation, g0, 'adding a pod changes the generation');
  t.equal(countMatchingPodsOn(info, selector, 'default'), 1, 'a new pod is counted, not the remembered 0');
  t.equal(countMatchingPodsOn(info, labelSelector({ matchLabels: { app: 'web' } }), 'default'), 1, 'an equal selector object gives the same count');
  t.equal(countMatchingPodsOn(info, selector, 'other'), 0, 'per namespace');
  addPod(info, web('b'));
  t.equal(countMatchingPodsOn(info, selector, 'default'), 2);
  t.ok(removePod(info, a));
  t.equal(countMatchingPodsOn(info, selector, 'default'), 1, 'a removed pod is no longer counted');
});

// Table tests of the kubelet's admission (pod-admission.ts): which pods a node refuses, with upstream's
// reasons and messages, and the order the checks run in.
import t from 'tap';
import type { Container, Node, Pod } from '../../../components/scheduler/framework/api-types.js';
import { nodeObject, nodeStatus, type NodeShape } from '../../../node/sim/node-status.js';
import { admitPod, type AdmissionVerdict } from '../../../node/sim/pod-admission.js';

const shape = (o: Partial<NodeShape> = {}): NodeShape => ({ name: 'sim-1', cpu: '4', memory: '8Gi', pods: '110', labels: { disk: 'ssd' }, taints: [], podCidrIndex: 1, ...o });
/** The Node a simulated kubelet registers: cpu 4 (4000m), memory 8Gi less 100Mi, 110 pods. */
const simNode = (o: Partial<NodeShape> = {}, extraAllocatable: Record<string, string> = {}): Node => {
  const n = { ...nodeObject(shape(o)), status: nodeStatus(shape(o), []) } as unknown as Node;
  n.status!.allocatable = { ...n.status!.allocatable, ...extraAllocatable };
  return n;
};
const MEMORY = (8 * 1024 * 1024 - 100 * 1024) * 1024;
const EPHEMERAL = Math.floor(100 * 1024 * 1024 * 1024 * 0.9);

let n = 0;
const pod = (spec: Partial<Pod['spec']> & { container?: Partial<Container> } = {}, labels: Record<string, string> = {}): Pod => {
  const { container, ...rest } = spec;
  return { metadata: { name: `p${++n}`, namespace: 'default', uid: `u${n}`, labels }, spec: { nodeName: 'sim-1', containers: [{ name: 'c', image: 'busybox', ...container }], ...rest } };
};
const requesting = (requests: Record<string, string>) => pod({ container: { resources: { requests } } });
const withPort = (hostPort: number, extra: { hostIP?: string; protocol?: string } = {}) => pod({ container: { ports: [{ containerPort: 80, hostPort, ...extra }] } });
const ADMIT: AdmissionVerdict = { admit: true };
const reject = (reason: string, message: string): AdmissionVerdict => ({ admit: false, reason, message });
const affinityFailed = reject('NodeAffinity', "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector");
const portsFailed = reject('NodePorts', "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports");
const taintFailed = reject('TaintToleration', "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate");

t.test('resources: the first insufficient one, against allocatable less what the admitted pods request', async (t) => {
  const cases: Array<[string, Pod, Pod[], AdmissionVerdict, Node?]> = [
    ['fits', requesting({ cpu: '3', memory: '1Gi' }), [requesting({ cpu: '500m' })], ADMIT],
    ['no requests', pod(), [], ADMIT],
    ['cpu', requesting({ cpu: '1000' }), [requesting({ cpu: '350m' })], reject('OutOfcpu', "Node didn't have enough resource: cpu, requested: 1000000, used: 350, capacity: 4000")],
    ['cpu: the admitted pods add up', requesting({ cpu: '2' }), [requesting({ cpu: '1' }), requesting({ cpu: '1500m' })], reject('OutOfcpu', "Node didn't have enough resource: cpu, requested: 2000, used: 2500, capacity: 4000")],
    ['memory', requesting({ memory: '16Gi' }), [], reject('OutOfmemory', `Node didn't have enough resource: memory, requested: ${16 * 1024 ** 3}, used: 0, capacity: ${MEMORY}`)],
    ['ephemeral-storage', requesting({ 'ephemeral-storage': '200Gi' }), [], reject('OutOfephemeral-storage', `Node didn't have enough resource: ephemeral-storage, requested: ${200 * 1024 ** 3}, used: 0, capacity: ${EPHEMERAL}`)],
    ['cpu before memory', requesting({ cpu: '5', memory: '16Gi' }), [], reject('OutOfcpu', "Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000")],
    ['pods', pod(), [pod(), pod()], reject('OutOfpods', "Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"), simNode({ pods: '2' })],
    ['pods before cpu', requesting({ cpu: '5' }), [pod(), pod()], reject('OutOfpods', "Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"), simNode({ pods: '2' })],
    ['an extended resource the node does not advertise is not counted', requesting({ 'example.com/gpu': '1' }), [], ADMIT],
    ['an advertised extended resource', requesting({ 'example.com/gpu': '2' }), [requesting({ 'example.com/gpu': '1' })], reject('OutOfexample.com/gpu', "Node didn't have enough resource: example.com/gpu, requested: 2, used: 1, capacity: 2"), simNode({}, { 'example.com/gpu': '2' })],
  ];
  for (const [name, p, admitted, want, node] of cases) t.same(admitPod({ pod: p, node: node ?? simNode(), admitted }), want, name);
  const init = pod({ initContainers: [{ name: 'i', image: 'busybox', resources: { requests: { cpu: '5' } } }] });
  t.same(admitPod({ pod: init, node: simNode(), admitted: [] }), reject('OutOfcpu', "Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000"), 'init containers count');
});

t.test('node affinity and selector, host ports, NoExecute taints, in that order after resources', async (t) => {
  const required = (values: string[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values }] }] } } });
  const noExecute = simNode({ taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
  const noSchedule = simNode({ taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
  const tolerates = [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }];
  const cases: Array<[string, Pod, Pod[], AdmissionVerdict, Node?]> = [
    ['nodeSelector matches', pod({ nodeSelector: { disk: 'ssd' } }), [], ADMIT],
    ['nodeSelector', pod({ nodeSelector: { disk: 'hdd' } }), [], affinityFailed],
    ['required node affinity matches', pod({ affinity: required(['ssd']) }), [], ADMIT],
    ['required node affinity', pod({ affinity: required(['hdd']) }), [], affinityFailed],
    ['resources before affinity', pod({ nodeSelector: { disk: 'hdd' }, container: { resources: { requests: { cpu: '5' } } } }), [], reject('OutOfcpu', "Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000")],
    ['host port taken', withPort(8080), [withPort(8080)], portsFailed],
    ['host port taken on 0.0.0.0 by another IP', withPort(8080), [withPort(8080, { hostIP: '10.0.0.1' })], portsFailed],
    ['host port free on another IP', withPort(8080, { hostIP: '10.0.0.2' }), [withPort(8080, { hostIP: '10.0.0.1' })], ADMIT],
    ['host port, other protocol', withPort(8080, { protocol: 'UDP' }), [withPort(8080)], ADMIT],
    ['affinity before ports', pod({ nodeSelector: { disk: 'hdd' }, container: { ports: [{ containerPort: 80, hostPort: 8080 }] } }), [withPort(8080)], affinityFailed],
    ['NoExecute taint', pod(), [], taintFailed, noExecute],
    ['NoExecute taint tolerated', pod({ tolerations: tolerates }), [], ADMIT, noExecute],
    ['NoExecute taint tolerated by Exists', pod({ tolerations: [{ operator: 'Exists' }] }), [], ADMIT, noExecute],
    ['NoSchedule taint: the scheduler\'s business', pod(), [], ADMIT, noSchedule],
    ['ports before taints', withPort(8080), [withPort(8080)], portsFailed, noExecute],
  ];
  for (const [name, p, admitted, want, node] of cases) t.same(admitPod({ pod: p, node: node ?? simNode(), admitted }), want, name);
});

t.test('the pod\'s OS comes first', async (t) => {
  const windows = pod({ container: { resources: { requests: { cpu: '5' } } } }, { 'kubernetes.io/os': 'windows' });
  t.same(admitPod({ pod: windows, node: simNode(), admitted: [] }), reject('PodOSSelectorNodeLabelDoesNotMatch', "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label"));
  t.same(admitPod({ pod: pod({}, { 'kubernetes.io/os': 'linux' }), node: simNode(), admitted: [] }), ADMIT);
  const osField = { ...pod(), spec: { ...pod().spec, os: { name: 'windows' } } } as Pod;
  t.same(admitPod({ pod: osField, node: simNode(), admitted: [] }), reject('PodOSNotSupported', "Failed to admit pod as the OS field doesn't match node OS"));
});

// Table tests of the simulated kubelet's pure decisions: the pod's status as a function of simulated time.
import t from 'tap';
import { backoffSeconds } from '../../../node/sim/container-timeline.js';
import { parseImage, normalizedImage } from '../../../node/sim/image-reference.js';
import { podLifecycle, terminatedStatus, type LifecycleResult } from '../../../node/sim/pod-lifecycle.js';
import type { PodWorld } from '../../../node/sim/pod-refusals.js';
import type { Container, Pod } from '../../../node/sim/types.js';

const START = Date.parse('2024-01-01T12:00:00Z');
const world = (o: Partial<PodWorld> = {}): PodWorld => ({ configMaps: new Map(), secrets: new Map(), serviceAccountExists: true, ...o });
const pod = (spec: Partial<Pod['spec']> = {}, annotations: Record<string, string> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1', annotations },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});
const at = (p: Pod, seconds: number, w = world(), speed = 1): LifecycleResult =>
  podLifecycle({ pod: p, world: w, startMs: START, nowMs: START + (seconds * 1000) / speed, speed, podIP: '10.42.1.2', hostIP: '10.42.1.1' });
const cond = (r: LifecycleResult, type: string) => r.status.conditions?.find((c) => c.type === type);
const state = (r: LifecycleResult, i = 0) => r.status.containerStatuses![i].state;
const waitingReason = (r: LifecycleResult, i = 0) => ('waiting' in state(r, i) ? (state(r, i) as { waiting: { reason: string } }).waiting.reason : undefined);

t.test('a plain pod: ContainerCreating, then Running and Ready with an IP', async (t) => {
  const early = at(pod(), 0.5);
  t.equal(early.status.phase, 'Pending');
  t.equal(waitingReason(early), 'ContainerCreating');
  t.equal(early.status.podIP, undefined);
  t.equal(cond(early, 'PodReadyToStartContainers')?.status, 'False');
  t.equal(early.nextMs, START + 1000);
  const later = at(pod(), 3);
  t.equal(later.status.phase, 'Running');
  t.equal(later.status.podIP, '10.42.1.2');
  t.same(state(later), { running: { startedAt: '2024-01-01T12:00:01Z' } });
  t.equal(later.status.containerStatuses![0].ready, true);
  t.equal(later.status.containerStatuses![0].image, 'docker.io/library/busybox:latest');
  t.match(later.status.containerStatuses![0].containerID, /^sim:\/\/[0-9a-f]{64}$/);
  for (const type of ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']) t.equal(cond(later, type)?.status, 'True', type);
  t.equal(later.status.qosClass, 'BestEffort');
  t.same(later.events.map((e) => e.reason), ['Pulling', 'Pulled', 'Created', 'Started']);
  t.equal(later.events[2].message, 'Created container: c');
  t.equal(later.events[3].message, 'Started container c');
  t.equal(later.nextMs, undefined);
});

t.test('readiness waits for the readinessProbe initialDelaySeconds, sped up by the factor', async (t) => {
  const p = pod({ containers: [{ name: 'c', image: 'nginx:1.27', readinessProbe: { initialDelaySeconds: 5 } }] });
  const cases: Array<[number, boolean]> = [[2, false], [5.9, false], [6, true]];
  for (const [s, ready] of cases) {
    const r = at(p, s, world(), 10);
    t.equal(r.status.containerStatuses![0].ready, ready, `at ${s}s`);
    t.equal(cond(r, 'Ready')?.status, ready ? 'True' : 'False');
    if (!ready) t.equal(cond(r, 'ContainersReady')?.message, 'containers with unready status: [c]');
  }
  t.equal(at(p, 2, world(), 10).nextMs, START + 600);
  t.equal(at(pod({}, { 'sim.k8ts.io/ready': 'false' }), 100).status.containerStatuses![0].ready, false);
});

t.test('Job pods succeed or fail after their run, per restartPolicy and exit code', async (t) => {
  const cases: Array<[string, Record<string, string>, string, number]> = [
    ['Never', {}, 'Succeeded', 0],
    ['OnFailure', {}, 'Succeeded', 0],
    ['Never', { 'sim.k8ts.io/exit-code': '3' }, 'Failed', 3],
    ['Never', { 'sim.k8ts.io/run-seconds': '30' }, 'Running', -1],
  ];
  for (const [restartPolicy, ann, phase, code] of cases) {
    const r = at(pod({ restartPolicy: restartPolicy as 'Never' }, ann), 10);
    t.equal(r.status.phase, phase, `${restartPolicy} ${JSON.stringify(ann)}`);
    if (code >= 0) {
      t.match(state(r), { terminated: { exitCode: code, reason: code ? 'Error' : 'Completed', startedAt: '2024-01-01T12:00:01Z', finishedAt: '2024-01-01T12:00:03Z' } });
      t.equal(cond(r, 'Ready')?.reason, 'PodCompleted');
      t.equal(r.nextMs, undefined);
    }
  }
  const onFailure = at(pod({ restartPolicy: 'OnFailure' }, { 'sim.k8ts.io/exit-code': '2' }), 4);
  t.equal(onFailure.status.phase, 'Running');
  t.equal(waitingReason(onFailure), 'CrashLoopBackOff');
});

t.test('crash loop: exits 1 after run-seconds, backs off 10 s doubling to 5 min', async (t) => {
  t.same([1, 2, 3, 4, 5, 6, 7].map(backoffSeconds), [10, 20, 40, 80, 160, 300, 300]);
  const p = pod({}, { 'sim.k8ts.io/crash-loop': 'true', 'sim.k8ts.io/run-seconds': '1' });
  // started at 1, exits at 2, restarts at 12, exits 13, restarts 33, exits 34, restarts 74
  const cases: Array<[number, string | undefined, number, string?]> = [
    [1.5, undefined, 0],
    [5, 'CrashLoopBackOff', 0, 'back-off 10s restarting failed container=c pod=p_ns(u1)'],
    [12.5, undefined, 1],
    [20, 'CrashLoopBackOff', 1, 'back-off 20s restarting failed container=c pod=p_ns(u1)'],
    [50, 'CrashLoopBackOff', 2, 'back-off 40s restarting failed container=c pod=p_ns(u1)'],
  ];
  for (const [s, reason, restarts, message] of cases) {
    const r = at(p, s);
    t.equal(waitingReason(r), reason, `at ${s}s`);
    t.equal(r.status.containerStatuses![0].restartCount, restarts);
    t.equal(r.status.phase, 'Running');
    if (message) {
      t.match(state(r), { waiting: { message } });
      t.match(r.status.containerStatuses![0].lastState, { terminated: { exitCode: 1, reason: 'Error' } });
    }
  }
  t.ok(at(p, 50).events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off restarting failed container c in pod p_ns(u1)'));
  t.equal(at(p, 20).nextMs, START + 33_000);
});

t.test('init containers run in order before the containers', async (t) => {
  const p = pod({ initContainers: [{ name: 'i1', image: 'busybox' }, { name: 'i2', image: 'busybox' }] });
  const cases: Array<[number, string[], string, string]> = [
    [0.5, ['PodInitializing', 'PodInitializing'], 'PodInitializing', 'containers with incomplete status: [i1 i2]'],
    [1.5, ['running', 'PodInitializing'], 'PodInitializing', 'containers with incomplete status: [i1 i2]'],
    [2.5, ['Completed', 'running'], 'PodInitializing', 'containers with incomplete status: [i2]'],
    [3.5, ['Completed', 'Completed'], 'running', ''],
  ];
  const describe = (s: Container['name'] | object) => {
    const st = s as { waiting?: { reason: string }; terminated?: { reason: string }; running?: unknown };
    return st.waiting?.reason ?? st.terminated?.reason ?? 'running';
  };
  for (const [s, inits, main, message] of cases) {
    const r = at(p, s);
    t.same(r.status.initContainerStatuses!.map((c) => describe(c.state)), inits, `at ${s}s`);
    t.equal(describe(state(r)), main);
    t.equal(cond(r, 'Initialized')?.message, message || undefined);
    t.equal(r.status.phase, s < 3 ? 'Pending' : 'Running');
  }
});

t.test('refusals: missing ConfigMap, Secret or key, missing volume source, invalid image, missing ServiceAccount', async (t) => {
  const env = (valueFrom: object): Container => ({ name: 'c', image: 'busybox', env: [{ name: 'X', valueFrom }] });
  const present = world({ configMaps: new Map([['x', new Set(['a'])]]), secrets: new Map([['s', new Set(['a'])]]) });
  const configCases: Array<[Container, string]> = [
    [env({ configMapKeyRef: { name: 'y', key: 'a' } }), 'configmap "y" not found'],
    [env({ configMapKeyRef: { name: 'x', key: 'k' } }), "couldn't find key k in ConfigMap ns/x"],
    [env({ secretKeyRef: { name: 't', key: 'a' } }), 'secret "t" not found'],
    [env({ secretKeyRef: { name: 's', key: 'k' } }), "couldn't find key k in Secret ns/s"],
    [{ name: 'c', image: 'busybox', envFrom: [{ configMapRef: { name: 'y' } }] }, 'configmap "y" not found'],
  ];
  for (const [c, message] of configCases) {
    const r = at(pod({ containers: [c] }), 10, present);
    t.same(state(r), { waiting: { reason: 'CreateContainerConfigError', message } }, message);
    t.equal(r.status.phase, 'Pending');
    t.equal(r.blockedOnWorld, true);
    t.ok(r.events.some((e) => e.reason === 'Failed' && e.message === `Error: ${message}`));
  }
  t.equal(waitingReason(at(pod({ containers: [env({ configMapKeyRef: { name: 'y', key: 'a', optional: true } })] }), 10, present)), undefined);

  const volumeCases: Array<[Pod['spec']['volumes'], string, PodWorld]> = [
    [[{ name: 'v', configMap: { name: 'y' } }], 'MountVolume.SetUp failed for volume "v" : configmap "y" not found', present],
    [[{ name: 'v', secret: { secretName: 't' } }], 'MountVolume.SetUp failed for volume "v" : secret "t" not found', present],
    [[{ name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }], 'MountVolume.SetUp failed for volume "kube-api-access-abcde" : failed to fetch token: serviceaccounts "default" not found', world({ serviceAccountExists: false })],
  ];
  for (const [volumes, message, w] of volumeCases) {
    const r = at(pod({ volumes }), 60, w);
    t.equal(waitingReason(r), 'ContainerCreating', message);
    t.equal(r.status.podIP, undefined);
    t.same(r.events.map((e) => [e.type, e.reason, e.message]), [['Warning', 'FailedMount', message]]);
    t.equal(r.blockedOnWorld, true);
  }

  for (const image of ['Busybox', 'bad image', 'x:', '']) {
    const r = at(pod({ containers: [{ name: 'c', image }] }), 10);
    t.equal(waitingReason(r), 'InvalidImageName', image);
    t.equal(r.status.phase, 'Pending');
  }
});

t.test('image references', async (t) => {
  const cases: Array<[string, string]> = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['library/nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['quay.io/a/b:v1', 'quay.io/a/b:v1'],
    ['localhost:5000/x', 'localhost:5000/x:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
  ];
  for (const [image, normalized] of cases) t.equal(normalizedImage(parseImage(image)!), normalized, image);
});

t.test('a deleted pod stops: containers terminated and a terminal phase', async (t) => {
  const running = at(pod(), 5);
  const p = { ...pod(), status: running.status };
  const s = terminatedStatus(p, START + 10_000);
  t.equal(s.phase, 'Succeeded');
  t.match(s.containerStatuses![0].state, { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2024-01-01T12:00:10Z' } });
  t.equal(s.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
});

// Table tests of the simulated kubelet's pure decisions: the pod's status as a function of simulated time.
import t from 'tap';
import { backoffSeconds } from '../../../node/sim/container-timeline.js';
import { parseImage, normalizedImage } from '../../../node/sim/image-reference.js';
import { podLifecycle, rejectedStatus, terminatedStatus, type LifecycleResult } from '../../../node/sim/pod-lifecycle.js';
import type { PodWorld } from '../../../node/sim/pod-refusals.js';
import type { Container, Pod } from '../../../node/sim/types.js';

const START = Date.parse('2024-01-01T12:00:00Z');
const world = (o: Partial<PodWorld> = {}): PodWorld => ({ configMaps: new Map(), secrets: new Map(), serviceAccountExists: true, claims: new Map(), ...o });
const pod = (spec: Partial<Pod['spec']> = {}, annotations: Record<string, string> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1', annotations },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});
const at = (p: Pod, seconds: number, w = world(), speed = 1, mountedAtMs?: number): LifecycleResult =>
  podLifecycle({ pod: p, world: w, startMs: START, mountedAtMs, nowMs: START + (seconds * 1000) / speed, speed, podIP: '10.42.1.2', hostIP: '10.42.1.1' });
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

t.test('startupProbe: not started nor ready until its initialDelaySeconds; readiness counts from the start', async (t) => {
  const c = (startup: number, readiness?: number): Container => ({
    name: 'c',
    image: 'busybox',
    startupProbe: { initialDelaySeconds: startup, httpGet: {} },
    ...(readiness !== undefined ? { readinessProbe: { initialDelaySeconds: readiness, httpGet: {} } } : {}),
  });
  // The container starts at 1 s.
  const cases: Array<[string, Container, number, boolean, boolean]> = [
    ['startup 5: not started at 3', c(5), 3, false, false],
    ['startup 5: started and ready at 6', c(5), 6, true, true],
    ['startup 5, readiness 2: readiness waits for startup', c(5, 2), 5.5, false, false],
    ['startup 5, readiness 2: ready once started', c(5, 2), 6, true, true],
    ['startup 5, readiness 10: started, not ready yet', c(5, 10), 8, true, false],
    ['startup 5, readiness 10: ready at 11', c(5, 10), 11, true, true],
    ['startup 0: started at once', c(0), 1, true, true],
  ];
  for (const [name, container, s, started, ready] of cases) {
    const r = at(pod({ containers: [container] }), s);
    t.same(Object.keys(state(r)), ['running'], name);
    t.equal(r.status.containerStatuses![0].started, started, `${name}: started`);
    t.equal(r.status.containerStatuses![0].ready, ready, `${name}: ready`);
    t.equal(cond(r, 'Ready')?.status, ready ? 'True' : 'False');
  }
  t.equal(at(pod({ containers: [c(5, 10)] }), 3).nextMs, START + 6000);
  t.equal(at(pod({ containers: [c(5, 10)] }), 8).nextMs, START + 11_000);
  const never = at(pod({ containers: [c(5)] }, { 'sim.k8ts.io/ready': 'false' }), 10);
  t.equal(never.status.containerStatuses![0].started, true);
  t.equal(never.status.containerStatuses![0].ready, false);
});

t.test('a sidecar with a startupProbe holds the next containers until it is started', async (t) => {
  const p = pod({ initContainers: [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always', startupProbe: { initialDelaySeconds: 3 } }] });
  // sandbox at 1, the sidecar starts at 1 and is started at 4, when the container starts
  const early = at(p, 2);
  t.match(early.status.initContainerStatuses![0], { started: false, state: { running: {} } });
  t.equal(waitingReason(early), 'PodInitializing');
  t.equal(cond(early, 'Initialized')?.message, 'containers with incomplete status: [proxy]');
  t.equal(early.nextMs, START + 4000);
  const later = at(p, 4.5);
  t.equal(later.status.initContainerStatuses![0].started, true);
  t.same(state(later), { running: { startedAt: '2024-01-01T12:00:04Z' } });
  t.equal(cond(later, 'Initialized')?.status, 'True');
  const plain = at(pod({ initContainers: [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always' }] }), 1.5);
  t.same(state(plain), { running: { startedAt: '2024-01-01T12:00:01Z' } }, 'without a startupProbe the container starts beside it');
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
  // exits 2 at 3, restarted at 4, exits again at 6 and backs off 10 s
  const onFailure = at(pod({ restartPolicy: 'OnFailure' }, { 'sim.k8ts.io/exit-code': '2' }), 8);
  t.equal(onFailure.status.phase, 'Running');
  t.equal(waitingReason(onFailure), 'CrashLoopBackOff');
  t.equal(onFailure.status.containerStatuses![0].restartCount, 1);
});

t.test('crash loop: the first exit restarts at once, then back-off 10 s doubling to 5 min', async (t) => {
  t.same([1, 2, 3, 4, 5, 6, 7, 8].map(backoffSeconds), [0, 10, 20, 40, 80, 160, 300, 300]);
  const p = pod({}, { 'sim.k8ts.io/crash-loop': 'true', 'sim.k8ts.io/run-seconds': '1' });
  // started at 1, exits at 2, restarted at the next sync (3), exits 4, backs off 10 s: restarts 14,
  // exits 15, backs off 20 s: restarts 35, exits 36, backs off 40 s: restarts 76
  const cases: Array<[number, string, number, string?]> = [
    [1.5, 'running', 0],
    [2.5, 'terminated', 0],
    [3.5, 'running', 1],
    [5, 'CrashLoopBackOff', 1, 'back-off 10s restarting failed container=c pod=p_ns(u1)'],
    [14.5, 'running', 2],
    [20, 'CrashLoopBackOff', 2, 'back-off 20s restarting failed container=c pod=p_ns(u1)'],
    [50, 'CrashLoopBackOff', 3, 'back-off 40s restarting failed container=c pod=p_ns(u1)'],
    [76.5, 'running', 4],
  ];
  for (const [s, what, restarts, message] of cases) {
    const r = at(p, s);
    t.equal(waitingReason(r) ?? Object.keys(state(r))[0], what, `at ${s}s`);
    t.equal(r.status.containerStatuses![0].restartCount, restarts);
    t.equal(r.status.phase, 'Running');
    t.equal(r.status.containerStatuses![0].ready, what === 'running');
    if (message) {
      t.match(state(r), { waiting: { message } });
      t.match(r.status.containerStatuses![0].lastState, { terminated: { exitCode: 1, reason: 'Error' } });
    }
  }
  t.match(state(at(p, 2.5)), { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-01-01T12:00:02Z' } });
  t.same(at(p, 2.5).status.containerStatuses![0].lastState, {});
  t.equal(at(p, 2.5).nextMs, START + 3000);
  t.notOk(at(p, 3.5).events.some((e) => e.reason === 'BackOff'), 'no back-off before the first restart');
  t.ok(at(p, 50).events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off restarting failed container c in pod p_ns(u1)'));
  t.equal(at(p, 20).nextMs, START + 35_000);
});

t.test('crash loop: a container that ran more than 10 min before exiting restarts without back-off', async (t) => {
  // started at 1, exits 701, restarted at 702; its next exit, 1402, is more than 2 × 5 min after the
  // backoff last moved (702): the backoff starts over.
  const long = pod({}, { 'sim.k8ts.io/crash-loop': 'true', 'sim.k8ts.io/run-seconds': '700' });
  t.equal(Object.keys(state(at(long, 1402.5)))[0], 'terminated');
  t.equal(at(long, 1403.5).status.containerStatuses![0].restartCount, 2);
  // The same after 500 s: the second exit (1002) backs off 10 s.
  const shorter = pod({}, { 'sim.k8ts.io/crash-loop': 'true', 'sim.k8ts.io/run-seconds': '500' });
  t.equal(waitingReason(at(shorter, 1005)), 'CrashLoopBackOff');
  t.match(state(at(shorter, 1005)), { waiting: { message: /^back-off 10s / } });
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

t.test('claims: missing or unbound keeps the pod in ContainerCreating with the volume manager\'s FailedMount', async (t) => {
  const mounting = (...claims: string[]): Pod =>
    pod({
      volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })),
      containers: [{ name: 'c', image: 'busybox', volumeMounts: claims.map((c) => ({ name: c, mountPath: `/${c}` })) }],
    });
  const claims = (o: Record<string, { phase?: string; volumeName?: string; deleting?: boolean }>) => world({ claims: new Map(Object.entries(o)) });
  const bound = { phase: 'Bound', volumeName: 'pv-1' };
  const prefix = 'Unable to attach or mount volumes: ';
  const cases: Array<[string, Pod, PodWorld, string]> = [
    ['missing', mounting('data'), world(), 'unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found'],
    ['pending', mounting('data'), claims({ data: { phase: 'Pending' } }), 'unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: PVC is not bound'],
    ['pending with a volume name', mounting('data'), claims({ data: { phase: 'Pending', volumeName: 'pv-1' } }), 'unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: PVC is not bound'],
    ['being deleted', mounting('data'), claims({ data: { ...bound, deleting: true } }), 'unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: PVC is being deleted'],
    ['bound without a volume', mounting('data'), claims({ data: { phase: 'Bound' } }), 'unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: PVC has empty pvc.Spec.VolumeName'],
    [
      'two, sorted, errors joined',
      mounting('web', 'logs', 'db'),
      claims({ web: { phase: 'Pending' }, db: bound }),
      'unmounted volumes=[logs web], unattached volumes=[], failed to process volumes=[logs web]: error processing PVC ns/logs: failed to fetch PVC from API server: persistentvolumeclaims "logs" not found; error processing PVC ns/web: PVC is not bound',
    ],
  ];
  for (const [name, p, w, message] of cases) {
    const waiting = at(p, 60, w);
    t.same(waiting.events, [], `${name}: no FailedMount before the attach-and-mount timeout`);
    t.equal(waiting.blockedOnClaims, true);
    t.equal(waitingReason(waiting), 'ContainerCreating');
    const r = at(p, 124, w);
    t.equal(waitingReason(r), 'ContainerCreating', name);
    t.equal(r.status.phase, 'Pending');
    t.equal(r.status.podIP, undefined);
    t.equal(cond(r, 'PodReadyToStartContainers')?.status, 'False');
    t.same(r.events.map((e) => [e.type, e.reason, e.message, e.fieldPath]), [['Warning', 'FailedMount', prefix + message, undefined]], name);
    t.equal(r.blockedOnWorld, true);
    t.equal(r.blockedOnMounts, true);
  }
  t.equal(at(mounting('data'), 60, claims({ data: bound })).status.phase, 'Running', 'bound');
  const unused = pod({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
  t.equal(at(unused, 10).status.phase, 'Running', 'a claim no container mounts is not looked at');
  // A ConfigMap volume that cannot be set up either is unmounted too, and keeps its own FailedMount.
  const both = pod({
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }, { name: 'cfg', configMap: { name: 'cfg' } }],
    containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data' }, { name: 'cfg' }] }],
  });
  t.same(at(both, 10).events.map((e) => e.message), ['MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found'], 'a missing ConfigMap is reported at once');
  t.same(at(both, 124).events.map((e) => e.message), [
    'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found',
    `${prefix}unmounted volumes=[cfg data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found`,
  ]);
});

t.test('volumes set up late: the sandbox and containers follow from then', async (t) => {
  const p = pod({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data' }] }] });
  const w = world({ claims: new Map([['data', { phase: 'Bound', volumeName: 'pv-1' }]]) });
  const mountedAt = START + 30_000;
  const creating = at(p, 30.5, w, 1, mountedAt);
  t.equal(waitingReason(creating), 'ContainerCreating');
  t.equal(creating.blockedOnMounts, false);
  t.equal(creating.nextMs, START + 31_000);
  t.same(state(at(p, 31.5, w, 1, mountedAt)), { running: { startedAt: '2024-01-01T12:00:31Z' } });
});

t.test('a pod refused at admission: Failed with the reason and "Pod was rejected: <message>"', async (t) => {
  const p = pod({ containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '1000' } } }] });
  const s = rejectedStatus(p, { reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 1000000, used: 350, capacity: 4000" }, START);
  t.same(s, {
    phase: 'Failed',
    reason: 'OutOfcpu',
    message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000000, used: 350, capacity: 4000",
    startTime: '2024-01-01T12:00:00Z',
    qosClass: 'Burstable',
  });
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

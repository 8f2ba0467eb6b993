// `kubectl get` cells of the built-in entries on sample objects, against what upstream's printers print.
import t from 'tap';
import { builtinResources } from '../../apiserver/registry/index.js';
import { qualifiedResource, type KubeObject } from '../../apiserver/registry/types.js';

const now = new Date('2024-01-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;

/** Column name → cell of the entry `q` for `obj`. */
function cells(q: string, obj: KubeObject): Record<string, unknown> {
  const entry = builtinResources.find((e) => qualifiedResource(e) === q)!;
  return Object.fromEntries((entry.columns ?? []).map((c) => [c.name, c.cell(obj, now)]));
}

const running = { ready: true, restartCount: 0, state: { running: { startedAt: ago(MIN) } } };
const pod = (status: object, extra: { spec?: object; metadata?: object } = {}): KubeObject => ({
  metadata: { name: 'p', ...extra.metadata },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...extra.spec },
  status,
});

t.test('pod READY, STATUS, RESTARTS', async (t) => {
  const table: Array<[string, KubeObject, string, string, string]> = [
    ['running', pod({ phase: 'Running', containerStatuses: [{ name: 'c', ...running }] }), '1/1', 'Running', '0'],
    ['pending, no status yet', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
    ['creating', pod({ phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }), '0/1', 'ContainerCreating', '0'],
    [
      'crash loop',
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'c', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * MIN) } } },
        ],
      }),
      '0/1',
      'CrashLoopBackOff',
      '5 (5m ago)',
    ],
    ['completed', pod({ phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }), '0/1', 'Completed', '0'],
    ['killed without reason', pod({ phase: 'Failed', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] }), '0/1', 'Signal:9', '0'],
    ['exit code without reason', pod({ phase: 'Failed', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }] }), '0/1', 'ExitCode:2', '0'],
    [
      'second init container running',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { name: 'i2', ...running, ready: false }] },
        { spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'c' }] } },
      ),
      '0/1',
      'Init:1/2',
      '0',
    ],
    [
      'init container failed',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount: 2, state: { terminated: { exitCode: 1, reason: 'Error' } } }] },
        { spec: { initContainers: [{ name: 'i1' }], containers: [{ name: 'c' }] } },
      ),
      '0/1',
      'Init:Error',
      '2',
    ],
    [
      'sidecar counts as a container',
      pod(
        { phase: 'Running', initContainerStatuses: [{ name: 's', ...running, started: true }], containerStatuses: [{ name: 'c', ...running }], conditions: [{ type: 'Initialized', status: 'True' }] },
        { spec: { initContainers: [{ name: 's', restartPolicy: 'Always' }], containers: [{ name: 'c' }] } },
      ),
      '2/2',
      'Running',
      '0',
    ],
    ['terminating', pod({ phase: 'Running', containerStatuses: [{ name: 'c', ...running }] }, { metadata: { deletionTimestamp: ago(0) } }), '1/1', 'Terminating', '0'],
    ['node lost while deleting', pod({ phase: 'Running', reason: 'NodeLost' }, { metadata: { deletionTimestamp: ago(0) } }), '0/1', 'Unknown', '0'],
    ['scheduling gated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated', '0'],
    ['evicted', pod({ phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
  ];
  for (const [name, obj, ready, status, restarts] of table) {
    const c = cells('pods', obj);
    t.same([c['Ready'], c['Status'], c['Restarts']], [ready, status, restarts], name);
  }
  const wide = cells('pods', pod({ podIPs: [{ ip: '10.42.0.5' }], conditions: [{ type: 'g', status: 'True' }] }, { spec: { nodeName: 'n1', readinessGates: [{ conditionType: 'g' }, { conditionType: 'h' }] } }));
  t.same([wide['IP'], wide['Node'], wide['Nominated Node'], wide['Readiness Gates']], ['10.42.0.5', 'n1', '<none>', '1/2']);
});

t.test('service TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), SELECTOR', async (t) => {
  const c = cells('services', {
    spec: { type: 'NodePort', clusterIPs: ['10.43.0.10'], selector: { b: '2', a: '1' }, ports: [{ port: 80, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
  });
  t.same(c, { Type: 'NodePort', 'Cluster-IP': '10.43.0.10', 'External-IP': '<none>', 'Port(s)': '80/TCP,443:30443/TCP,53/UDP', Selector: 'a=1,b=2' });
  t.equal(cells('services', { spec: { type: 'LoadBalancer', ports: [] } })['External-IP'], '<pending>');
  t.equal(cells('services', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example' }] } } })['External-IP'], '1.2.3.4,lb.example');
  t.equal(cells('services', { spec: { type: 'ExternalName', externalName: 'db.example' } })['External-IP'], 'db.example');
  t.same([cells('services', { spec: { clusterIP: 'None' } })['Cluster-IP'], cells('services', {})['Port(s)']], ['None', '<none>']);
});

t.test('node STATUS, ROLES, VERSION and addresses', async (t) => {
  const node = (labels: Record<string, string>, conditions: object[], unschedulable = false): KubeObject => ({
    metadata: { name: 'n', labels },
    spec: { unschedulable },
    status: { conditions, nodeInfo: { kubeletVersion: 'v1.32.0' }, addresses: [{ type: 'Hostname', address: 'n' }, { type: 'InternalIP', address: '192.168.1.2' }] },
  });
  const ready = [{ type: 'Ready', status: 'True' }];
  const roles = { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': 'true', 'kubernetes.io/role': 'etcd', other: 'x' };
  t.same(cells('nodes', node(roles, ready)), {
    Status: 'Ready',
    Roles: 'control-plane,etcd,master',
    Age: '<unknown>',
    Version: 'v1.32.0',
    'Internal-IP': '192.168.1.2',
    'External-IP': '<none>',
    'OS-Image': '<unknown>',
    'Kernel-Version': '<unknown>',
    'Container-Runtime': '<unknown>',
  });
  t.same([cells('nodes', node({}, ready, true))['Status'], cells('nodes', node({}, ready))['Roles']], ['Ready,SchedulingDisabled', '<none>']);
  t.same(cells('nodes', node({}, [{ type: 'Ready', status: 'Unknown' }]))['Status'], 'NotReady');
  t.same(cells('nodes', node({}, []))['Status'], 'Unknown');
});

t.test('workloads', async (t) => {
  const template = { spec: { containers: [{ name: 'web', image: 'nginx:1' }, { name: 'log', image: 'busybox' }] } };
  const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }, { key: 'legacy', operator: 'DoesNotExist' }] };
  t.same(cells('deployments.apps', { spec: { replicas: 3, template, selector }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }), {
    Ready: '2/3',
    'Up-to-date': 3,
    Available: 2,
    Containers: 'web,log',
    Images: 'nginx:1,busybox',
    Selector: 'app=web,!legacy,tier in (a,b)',
  });
  t.same(cells('statefulsets.apps', { spec: { template } })['Ready'], '0/1');
  const rs = cells('replicasets.apps', { spec: { replicas: 2, template, selector: {} }, status: { replicas: 2, readyReplicas: 1 } });
  t.same([rs['Desired'], rs['Current'], rs['Ready'], rs['Selector']], [2, 2, 1, '<none>']);
  const ds = cells('daemonsets.apps', { spec: { template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' } } } }, status: { desiredNumberScheduled: 3, numberReady: 1 } });
  t.same([ds['Desired'], ds['Ready'], ds['Node Selector']], [3, 1, 'kubernetes.io/os=linux']);
});

t.test('jobs and cronjobs', async (t) => {
  const job = (spec: object, status: object, metadata: KubeObject["metadata"] = {}) => cells('jobs.batch', { metadata, spec, status });
  const done = job({ completions: 3 }, { succeeded: 3, startTime: ago(10 * MIN), completionTime: ago(7 * MIN), conditions: [{ type: 'Complete', status: 'True' }] });
  t.same([done['Status'], done['Completions'], done['Duration']], ['Complete', '3/3', '3m']);
  const runningJob = job({}, { startTime: ago(90_000) });
  t.same([runningJob['Status'], runningJob['Completions'], runningJob['Duration']], ['Running', '0/1', '90s']);
  t.same(job({ parallelism: 4 }, {})['Completions'], '0/1 of 4');
  t.same(job({}, {})['Duration'], '');
  t.same(job({}, { conditions: [{ type: 'Failed', status: 'True' }] })['Status'], 'Failed');
  t.same(job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }, { deletionTimestamp: ago(0) })['Status'], 'Terminating');
  const cj = cells('cronjobs.batch', { spec: { schedule: '*/5 * * * *', suspend: false }, status: { active: [{}], lastScheduleTime: ago(4 * MIN) } });
  t.same([cj['Schedule'], cj['Timezone'], cj['Suspend'], cj['Active'], cj['Last Schedule']], ['*/5 * * * *', '<none>', 'False', 1, '4m']);
});

t.test('events, core and events.k8s.io shapes', async (t) => {
  const core = {
    involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: 'Image pulled \n',
    type: 'Normal',
    source: { component: 'kubelet', host: 'n1' },
    firstTimestamp: ago(10 * MIN),
    lastTimestamp: ago(2 * MIN),
    count: 3,
  };
  const want = { 'Last Seen': '2m', Type: 'Normal', Reason: 'Pulled', Object: 'pod/web-1', Subobject: 'spec.containers{web}', Source: 'kubelet, n1', Message: 'Image pulled', 'First Seen': '10m', Count: 3 };
  t.same(cells('events', core), want);
  const v1 = { regarding: core.involvedObject, reason: 'Pulled', note: 'Image pulled', type: 'Normal', reportingController: 'kubelet', reportingInstance: 'n1', eventTime: ago(10 * MIN), series: { count: 3, lastObservedTime: ago(2 * MIN) } };
  t.same(cells('events.events.k8s.io', v1), want);
  t.same(cells('events', { involvedObject: { kind: 'Node' }, eventTime: ago(MIN) })['Last Seen'], '60s');
  t.same(cells('events', {})['Count'], 1);
});

t.test('storage, networking, rbac, policy, autoscaling', async (t) => {
  const pv = cells('persistentvolumes', {
    metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'ns', name: 'c' }, storageClassName: 'new' },
    status: { phase: 'Bound' },
  });
  t.same([pv['Capacity'], pv['Access Modes'], pv['Claim'], pv['StorageClass'], pv['Status'], pv['VolumeMode']], ['1Gi', 'RWO,RWX', 'ns/c', 'old', 'Bound', '<unset>']);
  const pending = cells('persistentvolumeclaims', { spec: { storageClassName: 'local' }, status: { phase: 'Pending', capacity: { storage: '1Gi' } } });
  t.same([pending['Status'], pending['Capacity'], pending['StorageClass']], ['Pending', '', 'local']);
  const ing = cells('ingresses.networking.k8s.io', { spec: { rules: [{ host: 'a' }, {}, { host: 'b' }, { host: 'c' }, { host: 'd' }], tls: [{}] }, status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } } });
  t.same(ing, { Class: '<none>', Hosts: 'a,b,c + 2 more...', Address: '10.0.0.9', Ports: '80, 443' });
  t.equal(cells('ingresses.networking.k8s.io', { spec: { rules: [{}] } })['Hosts'], '*');
  const rb = cells('rolebindings.rbac.authorization.k8s.io', {
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs' }, { kind: 'User', name: 'bob' }, { kind: 'ServiceAccount', namespace: 'ci', name: 'bot' }],
  });
  t.same(rb, { Role: 'ClusterRole/view', Users: 'alice, bob', Groups: 'devs', ServiceAccounts: 'ci/bot' });
  t.same(cells('poddisruptionbudgets.policy', { spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } }), { 'Min Available': '50%', 'Max Unavailable': 'N/A', 'Allowed Disruptions': 1 });
  const hpa = cells('horizontalpodautoscalers.autoscaling', {
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
      ],
    },
    status: { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 35 } } }] },
  });
  t.same(hpa, { Reference: 'Deployment/web', Targets: 'cpu: 35%/80%, memory: <unknown>/100Mi + 1 more...', MinPods: '<unset>', MaxPods: 5, Replicas: 2 });
  t.equal(cells('horizontalpodautoscalers.autoscaling', { spec: { targetCPUUtilizationPercentage: 50 } })['Targets'], 'cpu: <unknown>/50%');
  const sc = cells('storageclasses.storage.k8s.io', { provisioner: 'rancher.io/local-path' });
  t.same(sc, { Provisioner: 'rancher.io/local-path', ReclaimPolicy: 'Delete', VolumeBindingMode: 'Immediate', AllowVolumeExpansion: false });
});

t.test('endpoints, leases, priority classes, secrets, created at', async (t) => {
  const subsets = [{ addresses: [{ ip: '10.42.0.1' }, { ip: '10.42.0.2' }], ports: [{ port: 80 }, { port: 443 }] }];
  t.equal(cells('endpoints', { subsets })['Endpoints'], '10.42.0.1:80,10.42.0.2:80,10.42.0.1:443 + 1 more...');
  t.equal(cells('endpoints', {})['Endpoints'], '<none>');
  t.equal(cells('endpointslices.discovery.k8s.io', { addressType: 'IPv4', endpoints: [] })['Endpoints'], '<unset>');
  t.equal(cells('leases.coordination.k8s.io', { spec: { holderIdentity: 'n1' } })['Holder'], 'n1');
  t.same(cells('priorityclasses.scheduling.k8s.io', { metadata: { creationTimestamp: ago(3 * MIN) }, value: 1000, globalDefault: true }), {
    Value: 1000,
    'Global-Default': true,
    Age: '3m',
    PreemptionPolicy: '',
  });
  t.same(cells('secrets', { type: 'Opaque', data: { a: 'eA==', b: 'eQ==' } }), { Type: 'Opaque', Data: 2 });
  t.same(cells('roles.rbac.authorization.k8s.io', { metadata: { creationTimestamp: '2024-01-01T00:00:00Z' } }), { 'Created At': '2024-01-01T00:00:00Z' });
  t.equal(cells('certificatesigningrequests.certificates.k8s.io', { spec: { expirationSeconds: 3600 }, status: { conditions: [{ type: 'Approved' }], certificate: 'x' } })['Condition'], 'Approved,Issued');
});

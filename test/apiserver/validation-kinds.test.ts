// Table tests of the validators added for the manifest corpus (issue 4): networking, RBAC, storage,
// autoscaling and policy, quotas and limits, cluster policy, and the pod spec and workload rules
// upstream has beyond the first set (validation.test.ts covers those).
import t from 'tap';
import type { KubeObject } from '../../apiserver/registry/types.js';
import { validateObject } from '../../apiserver/validation/index.js';

type Case = { name: string; group: string; kind: string; obj: KubeObject; want: string[] };

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const fmt = (errs: Array<{ field: string; message: string }>) => errs.map((e) => `${e.field}: ${e.message}`);
const meta = { name: 'x' };
const container = (over: Record<string, unknown> = {}) => ({ name: 'c', image: 'nginx', ...over });
const pod = (spec: Record<string, unknown>): KubeObject => ({ metadata: meta, spec: { containers: [container()], ...spec } });
const template = (spec: Record<string, unknown> = {}) => ({ metadata: { labels: { app: 'a' } }, spec: { containers: [container()], ...spec } });
const backend = { service: { name: 'web', port: { number: 80 } } };
const ingress = (spec: Record<string, unknown>): KubeObject => ({ metadata: meta, spec });
const rule = (path: Record<string, unknown>) => ({ rules: [{ http: { paths: [{ backend, ...path }] } }] });
const netpol = (spec: Record<string, unknown>): KubeObject => ({ metadata: meta, spec: { podSelector: {}, ...spec } });
const claim = (spec: Record<string, unknown>): KubeObject => ({
  metadata: meta,
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const hpa = (spec: Record<string, unknown>): KubeObject => ({
  metadata: meta,
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, ...spec },
});

const cases: Case[] = [
  // Ingress
  { name: 'valid ingress', group: 'networking.k8s.io', kind: 'Ingress', obj: ingress(rule({ path: '/', pathType: 'Prefix' })), want: [] },
  {
    name: 'ingress without pathType',
    group: 'networking.k8s.io',
    kind: 'Ingress',
    obj: ingress(rule({ path: '/' })),
    want: ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
  },
  {
    name: 'ingress path sequences',
    group: 'networking.k8s.io',
    kind: 'Ingress',
    obj: ingress(rule({ path: '/a//b/..', pathType: 'Exact' })),
    want: ['spec.rules[0].http.paths[0].path: Invalid value: "/a//b/..": must not contain \'//\'', 'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/..": cannot end with \'/..\''],
  },
  {
    name: 'ingress backend with port name and number',
    group: 'networking.k8s.io',
    kind: 'Ingress',
    obj: ingress({ defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }),
    want: ['spec.defaultBackend: Invalid value: "": cannot set both port name & port number'],
  },
  { name: 'ingress wildcard host', group: 'networking.k8s.io', kind: 'Ingress', obj: ingress({ ...rule({ path: '/', pathType: 'Prefix' }), tls: [{ hosts: ['*.example.com'] }] }), want: [] },
  { name: 'ingress class without controller', group: 'networking.k8s.io', kind: 'IngressClass', obj: { metadata: meta, spec: {} }, want: ['spec.controller: Required value'] },
  // NetworkPolicy
  { name: 'valid network policy', group: 'networking.k8s.io', kind: 'NetworkPolicy', obj: netpol({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] }), want: [] },
  {
    name: 'named port with endPort',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    obj: netpol({ egress: [{ ports: [{ port: 'http', endPort: 90 }] }] }),
    want: ['spec.egress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric'],
  },
  {
    name: 'except wider than cidr',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    obj: netpol({ ingress: [{ from: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['10.0.0.0/8'] } }] }] }),
    want: ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`'],
  },
  {
    name: 'Exists with values',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    obj: netpol({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['a'] }] } }),
    want: ["spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
  },
  // RBAC
  { name: 'valid role', group: 'rbac.authorization.k8s.io', kind: 'Role', obj: { metadata: meta, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, want: [] },
  {
    name: 'resource names across resources',
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    obj: { metadata: meta, rules: [{ apiGroups: [''], resources: ['pods', 'secrets'], resourceNames: ['a'], verbs: ['get'] }] },
    want: ['rules[0].resourceNames: Required value: resource names cannot apply to multiple resources'],
  },
  {
    name: 'non-resource URLs in a Role',
    group: 'rbac.authorization.k8s.io',
    kind: 'Role',
    obj: { metadata: meta, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
    want: ['rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs'],
  },
  {
    name: 'binding subjects',
    group: 'rbac.authorization.k8s.io',
    kind: 'RoleBinding',
    obj: {
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [
        { kind: 'ServiceAccount', name: 'sa', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'User', name: 'jane', apiGroup: '' },
      ],
    },
    want: [
      'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
      'subjects[1].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
    ],
  },
  // PersistentVolumeClaim and PersistentVolume
  { name: 'valid claim', group: '', kind: 'PersistentVolumeClaim', obj: claim({}), want: [] },
  {
    name: 'ReadWriteOncePod with others',
    group: '',
    kind: 'PersistentVolumeClaim',
    obj: claim({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }),
    want: ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
  },
  {
    name: 'volume mode',
    group: '',
    kind: 'PersistentVolumeClaim',
    obj: claim({ volumeMode: 'Raw' }),
    want: ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"'],
  },
  {
    name: 'two volume sources',
    group: '',
    kind: 'PersistentVolume',
    obj: { metadata: meta, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/a' }, nfs: { server: 's', path: '/' } } },
    want: ['spec.nfs: Forbidden: may not specify more than 1 volume type'],
  },
  // HorizontalPodAutoscaler and PodDisruptionBudget
  { name: 'valid hpa', group: 'autoscaling', kind: 'HorizontalPodAutoscaler', obj: hpa({ minReplicas: 1 }), want: [] },
  {
    name: 'hpa target with both utilization and value',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    obj: hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '1' } } }] }),
    want: ['spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization'],
  },
  {
    name: 'hpa kind with a slash',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    obj: hpa({ scaleTargetRef: { kind: 'apps/Deployment', name: 'web' } }),
    want: ['spec.scaleTargetRef.kind: Invalid value: "apps/Deployment": may not contain \'/\''],
  },
  {
    name: 'pdb percent format',
    group: 'policy',
    kind: 'PodDisruptionBudget',
    obj: { metadata: meta, spec: { minAvailable: 'half' } },
    want: [
      'spec.minAvailable: Invalid value: "half": a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')',
    ],
  },
  // LimitRange and ResourceQuota
  {
    name: 'limit range ordering',
    group: '',
    kind: 'LimitRange',
    obj: { metadata: meta, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } },
    want: ['spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1'],
  },
  {
    name: 'claim limits need storage',
    group: '',
    kind: 'LimitRange',
    obj: { metadata: meta, spec: { limits: [{ type: 'PersistentVolumeClaim', max: { cpu: '1' } }] } },
    want: ['spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided'],
  },
  { name: 'valid quota', group: '', kind: 'ResourceQuota', obj: { metadata: meta, spec: { hard: { pods: '10', 'count/deployments.apps': '5', 'requests.cpu': '4' } } }, want: [] },
  // PriorityClass and StorageClass
  { name: 'system priority class', group: 'scheduling.k8s.io', kind: 'PriorityClass', obj: { metadata: { name: 'system-node-critical' }, value: 2000001000 }, want: [] },
  {
    name: 'provisioner not a qualified name',
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    obj: { metadata: meta, provisioner: 'a/b/c' },
    want: [
      "provisioner: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  },
  // Pod spec additions
  { name: 'priority class name', group: '', kind: 'Pod', obj: pod({ priorityClassName: 'High_Priority' }), want: [`spec.priorityClassName: Invalid value: "High_Priority": ${SUBDOMAIN}`] },
  {
    name: 'exists toleration with a value',
    group: '',
    kind: 'Pod',
    obj: pod({ tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }),
    want: ['spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\''],
  },
  {
    name: 'host port conflict',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [container({ ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }] }), container({ name: 'd', ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] })] }),
    want: ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
  },
  {
    name: 'sidecar init container may have probes',
    group: '',
    kind: 'Pod',
    obj: pod({ initContainers: [container({ name: 'proxy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 15000 } } })] }),
    want: [],
  },
  {
    name: 'readiness probe grace period',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [container({ readinessProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 } })] }),
    want: ['spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes'],
  },
  {
    name: 'extended resource request must equal its limit',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [container({ resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } } })] }),
    want: ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2'],
  },
  {
    name: 'image whitespace only checked on pods',
    group: 'apps',
    kind: 'Deployment',
    obj: { metadata: meta, spec: { selector: { matchLabels: { app: 'a' } }, template: template({ containers: [container({ image: ' nginx' })] }) } },
    want: [],
  },
  // Workloads
  {
    name: 'statefulset template spec is not validated upstream',
    group: 'apps',
    kind: 'StatefulSet',
    obj: {
      metadata: meta,
      spec: { selector: { matchLabels: { app: 'a' } }, template: template({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/d' }] })] }) },
    },
    want: [],
  },
  {
    name: 'daemonset surge and unavailable both set',
    group: 'apps',
    kind: 'DaemonSet',
    obj: {
      metadata: meta,
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: template(),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } },
      },
    },
    want: ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "10%": may not be set when maxUnavailable is non-zero'],
  },
  {
    name: 'job restart policy not supported',
    group: 'batch',
    kind: 'Job',
    obj: { metadata: meta, spec: { template: template({ restartPolicy: 'Sometimes' }) } },
    want: [
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ],
  },
  // Services and secrets
  {
    name: 'affinity config with None',
    group: '',
    kind: 'Service',
    obj: { metadata: meta, spec: { ports: [{ port: 80 }], sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } } },
    want: ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'],
  },
  { name: 'external name with a trailing dot', group: '', kind: 'Service', obj: { metadata: meta, spec: { type: 'ExternalName', externalName: 'db.example.com.' } }, want: [] },
  {
    name: 'basic auth secret without keys',
    group: '',
    kind: 'Secret',
    obj: { metadata: meta, type: 'kubernetes.io/basic-auth', data: {} },
    want: ['data[username]: Required value', 'data[password]: Required value'],
  },
];

t.test('field errors per kind, as upstream words them', async (t) => {
  for (const c of cases) t.same(fmt(validateObject(c.group, c.kind, c.obj)), c.want, c.name);
});

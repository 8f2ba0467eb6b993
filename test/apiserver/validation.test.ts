import t from 'tap';
import type { KubeObject } from '../../apiserver/registry/types.js';
import { validateObject } from '../../apiserver/validation/index.js';
import { parseQuantity } from '../../apiserver/validation/quantity.js';

type Case = { name: string; group: string; kind: string; obj: KubeObject; old?: KubeObject; want: string[] };

const LABEL_1123 =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const container = (over: Record<string, unknown> = {}) => ({ name: 'c', image: 'nginx', ...over });
const pod = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'p', ...meta },
  spec: { containers: [container()], ...spec },
});
const template = (spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'a' }) => ({
  metadata: { labels },
  spec: { containers: [container()], restartPolicy: 'Always', ...spec },
});
const deployment = (spec: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'd' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'a' } }, template: template(), ...spec },
});
const service = (spec: Record<string, unknown>): KubeObject => ({ metadata: { name: 's' }, spec });
const fmt = (errs: Array<{ field: string; message: string }>) => errs.map((e) => `${e.field}: ${e.message}`);

const cases: Case[] = [
  // ObjectMeta, every kind
  { name: 'valid configmap', group: '', kind: 'ConfigMap', obj: { metadata: { name: 'c', labels: { 'app.kubernetes.io/name': 'x' } } }, want: [] },
  {
    name: 'bad label value',
    group: '',
    kind: 'ConfigMap',
    obj: { metadata: { name: 'c', labels: { app: 'has space' } } },
    want: [`metadata.labels: Invalid value: "has space": ${LABEL_VALUE}`],
  },
  {
    name: 'label value too long',
    group: '',
    kind: 'Namespace',
    obj: { metadata: { name: 'n', labels: { app: 'x'.repeat(64) } } },
    want: [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
  },
  { name: 'bad label key', group: '', kind: 'ConfigMap', obj: { metadata: { name: 'c', labels: { '-x': 'y' } } }, want: [`metadata.labels: Invalid value: "-x": ${QNAME}`] },
  {
    name: 'bad annotation key',
    group: 'apps',
    kind: 'Deployment',
    obj: { ...deployment(), metadata: { name: 'd', annotations: { 'a b': '' } } },
    want: [`metadata.annotations: Invalid value: "a b": ${QNAME}`],
  },
  { name: 'annotation key upper case is fine', group: '', kind: 'ConfigMap', obj: { metadata: { name: 'c', annotations: { 'Example.com/X': 'y' } } }, want: [] },
  {
    name: 'annotations too large',
    group: '',
    kind: 'ConfigMap',
    obj: { metadata: { name: 'c', annotations: { a: 'x'.repeat(256 * 1024) } } },
    want: ['metadata.annotations: Too long: must have at most 262144 bytes'],
  },
  // Pod
  { name: 'valid pod', group: '', kind: 'Pod', obj: pod({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' }), want: [] },
  { name: 'no containers', group: '', kind: 'Pod', obj: pod({ containers: [] }), want: ['spec.containers: Required value'] },
  {
    name: 'container name and image',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [{ name: '' }, { name: 'Web', image: 'x' }] }),
    want: ['spec.containers[0].name: Required value', 'spec.containers[0].image: Required value', `spec.containers[1].name: Invalid value: "Web": ${LABEL_1123}`],
  },
  {
    name: 'duplicate container names across init and app containers',
    group: '',
    kind: 'Pod',
    obj: pod({ initContainers: [container()], containers: [container()] }),
    want: ['spec.containers[0].name: Duplicate value: "c"'],
  },
  {
    name: 'ports',
    group: '',
    kind: 'Pod',
    obj: pod({
      containers: [
        container({
          ports: [
            { containerPort: 70000, protocol: 'HTTP', name: 'web' },
            { containerPort: 80, name: 'web' },
            { containerPort: 81, name: 'Not_OK' },
            { name: 'x' },
          ],
        }),
      ],
    }),
    want: [
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[1].name: Duplicate value: "web"',
      'spec.containers[0].ports[2].name: Invalid value: "Not_OK": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[3].containerPort: Required value',
    ],
  },
  {
    name: 'env names',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [container({ env: [{ name: 'A.b-c d' }, { name: '' }, { name: 'A=B' }] })] }),
    want: [
      'spec.containers[0].env[1].name: Required value',
      `spec.containers[0].env[2].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    ],
  },
  {
    name: 'resources',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [container({ resources: { requests: { cpu: '1', memory: 'lots' }, limits: { cpu: '500m' } } })] }),
    want: [
      `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
  },
  {
    name: 'volumes and mounts',
    group: '',
    kind: 'Pod',
    obj: pod({
      volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }, { name: 'w' }, { name: 'x', emptyDir: {}, configMap: { name: 'c' } }],
      containers: [container({ volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'nope', mountPath: '/n' }] })],
    }),
    want: [
      'spec.volumes[1].name: Duplicate value: "v"',
      'spec.volumes[2]: Required value: must specify a volume type',
      'spec.volumes[3].configMap: Forbidden: may not specify more than 1 volume type',
      'spec.containers[0].volumeMounts[1].name: Not found: "nope"',
    ],
  },
  {
    name: 'probes',
    group: '',
    kind: 'Pod',
    obj: pod({ containers: [container({ livenessProbe: {}, readinessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 } } })] }),
    want: [
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
    ],
  },
  {
    name: 'restart and dns policy',
    group: '',
    kind: 'Pod',
    obj: pod({ restartPolicy: 'Sometimes', dnsPolicy: 'Google' }),
    want: [
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"',
    ],
  },
  // Workloads
  { name: 'valid deployment', group: 'apps', kind: 'Deployment', obj: deployment(), want: [] },
  { name: 'deployment without selector', group: 'apps', kind: 'Deployment', obj: deployment({ selector: undefined }), want: ['spec.selector: Required value'] },
  {
    name: 'selector does not match',
    group: 'apps',
    kind: 'Deployment',
    obj: deployment({ selector: { matchLabels: { app: 'b' } } }),
    want: ['spec.template.metadata.labels: Invalid value: {"app":"a"}: `selector` does not match template `labels`'],
  },
  {
    name: 'template path prefix, restart policy, replicas',
    group: 'apps',
    kind: 'Deployment',
    obj: deployment({ replicas: -1, template: template({ restartPolicy: 'Never', containers: [{ name: 'c' }] }) }),
    want: [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
  },
  {
    name: 'strategy',
    group: 'apps',
    kind: 'Deployment',
    obj: deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } }),
    want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
  },
  {
    name: 'strategy type',
    group: 'apps',
    kind: 'Deployment',
    obj: deployment({ strategy: { type: 'BlueGreen' } }),
    want: ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"'],
  },
  {
    name: 'selector immutable',
    group: 'apps',
    kind: 'ReplicaSet',
    obj: deployment({ selector: { matchLabels: { app: 'a' } } }),
    old: deployment({ selector: { matchLabels: { app: 'a', x: 'y' } } }),
    want: ['spec.selector: Invalid value: {"matchLabels":{"app":"a"}}: field is immutable'],
  },
  {
    name: 'daemonset template',
    group: 'apps',
    kind: 'DaemonSet',
    obj: deployment({ template: template({ containers: [] }) }),
    want: ['spec.template.spec.containers: Required value'],
  },
  {
    name: 'job',
    group: 'batch',
    kind: 'Job',
    obj: { metadata: { name: 'j' }, spec: { parallelism: -1, backoffLimit: -2, template: template({ restartPolicy: 'Always' }) } },
    want: [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ],
  },
  {
    name: 'job template immutable',
    group: 'batch',
    kind: 'Job',
    obj: { metadata: { name: 'j' }, spec: { template: template({ restartPolicy: 'Never' }, { v: '2' }) } },
    old: { metadata: { name: 'j' }, spec: { template: template({ restartPolicy: 'Never' }, { v: '1' }) } },
    want: ['spec.template: Invalid value: {"metadata":{"labels":{"v":"2"}},"spec":{"containers":[{"image":"nginx","name":"c"}],"restartPolicy":"Never"}}: field is immutable'],
  },
  {
    name: 'cronjob template prefix',
    group: 'batch',
    kind: 'CronJob',
    obj: { metadata: { name: 'cj' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: template({ restartPolicy: 'OnFailure', containers: [{ name: 'c' }] }) } } } },
    want: ['spec.jobTemplate.spec.template.spec.containers[0].image: Required value'],
  },
  // Service
  { name: 'valid service', group: '', kind: 'Service', obj: service({ ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }] }), want: [] },
  { name: 'headless needs no ports', group: '', kind: 'Service', obj: service({ clusterIP: 'None' }), want: [] },
  { name: 'ports required', group: '', kind: 'Service', obj: service({ type: 'ClusterIP' }), want: ['spec.ports: Required value'] },
  {
    name: 'service ports',
    group: '',
    kind: 'Service',
    obj: service({ type: 'ClusterIP', ports: [{ port: 0, protocol: 'ICMP', nodePort: 30000 }, { name: 'a', port: 80, targetPort: 70000 }, { name: 'a', port: 81 }] }),
    want: [
      'spec.ports[0].name: Required value',
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
      'spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[2].name: Duplicate value: "a"',
    ],
  },
  {
    name: 'service type',
    group: '',
    kind: 'Service',
    obj: service({ type: 'Public', ports: [{ port: 80 }] }),
    want: ['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
  },
  // ConfigMap / Secret
  {
    name: 'configmap keys',
    group: '',
    kind: 'ConfigMap',
    obj: { metadata: { name: 'c' }, data: { 'a b': '', ok: '', '..x': '' }, binaryData: { ok: '' } },
    want: [
      `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      `data[..x]: Invalid value: "..x": must not start with '..'`,
      'binaryData[ok]: Invalid value: "ok": duplicate of key present in data',
    ],
  },
  {
    name: 'secret size',
    group: '',
    kind: 'Secret',
    obj: { metadata: { name: 's' }, data: { big: Buffer.alloc(1024 * 1024 + 1).toString('base64') } },
    want: ['data: Too long: must have at most 1048576 bytes'],
  },
];

t.test('field errors per kind, as upstream words them', async (t) => {
  for (const c of cases) t.same(fmt(validateObject(c.group, c.kind, c.obj, c.old)), c.want, c.name);
});

t.test('quantities', async (t) => {
  const ok: Array<[unknown, number]> = [
    ['100m', 0.1],
    ['1Gi', 2 ** 30],
    ['1e3', 1000],
    ['0.5', 0.5],
    [2, 2],
    ['1.5k', 1500],
  ];
  for (const [q, v] of ok) t.same(parseQuantity(q), { ok: true, value: v }, String(q));
  for (const q of ['', 'abc', '1Qi', '1..2', '1Kb']) t.equal(parseQuantity(q).ok, false, `rejects ${q}`);
});

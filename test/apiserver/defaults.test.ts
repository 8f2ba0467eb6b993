// Upstream's defaulting per kind: tables of input → expected, idempotence, and the defaults a real create
// answers with.
import t from 'tap';
import { applyDefaults } from '../../apiserver/defaults/index.js';
import { imageTag } from '../../apiserver/defaults/pod-spec.js';
import type { KubeObject } from '../../apiserver/registry/types.js';
import { startTestApi } from '../helpers/in-process-api.js';

type Case = { name: string; group: string; kind: string; input: Record<string, unknown>; expected: Record<string, unknown> };

const defaulted = (group: string, kind: string, input: Record<string, unknown>) => {
  const obj = structuredClone(input) as KubeObject;
  applyDefaults(group, kind, obj);
  return obj;
};

const TEMPLATE_SPEC = {
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  terminationGracePeriodSeconds: 30,
  securityContext: {},
};
const container = (image: string, imagePullPolicy: string) => ({
  name: 'c',
  image,
  imagePullPolicy,
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
});
const template = { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
const defaultedTemplate = { spec: { ...TEMPLATE_SPEC, containers: [container('nginx:1.27', 'IfNotPresent')] } };
const POD_ONLY = {
  enableServiceLinks: true,
  priority: 0,
  preemptionPolicy: 'PreemptLowerPriority',
  tolerations: [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ],
};

const CASES: Case[] = [
  {
    name: 'minimal pod',
    group: '',
    kind: 'Pod',
    input: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    expected: { metadata: { name: 'p' }, spec: { ...TEMPLATE_SPEC, ...POD_ONLY, containers: [container('nginx', 'Always')] } },
  },
  {
    name: 'pod containers: ports, probes, env, requests from limits, client values kept',
    group: '',
    kind: 'Pod',
    input: {
      spec: {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 5,
        enableServiceLinks: false,
        tolerations: [{ operator: 'Exists' }],
        priorityClassName: 'high',
        initContainers: [{ name: 'i', image: 'busybox@sha256:abc', resources: { limits: { cpu: '1' }, requests: { memory: '1Mi' } } }],
        containers: [
          {
            name: 'c',
            image: 'registry:5000/app:latest',
            imagePullPolicy: 'Never',
            ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
            env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'V', value: 'x' }],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { exec: { command: ['true'] }, periodSeconds: 3 },
            startupProbe: { grpc: { port: 9000 } },
            lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
          },
        ],
      },
    },
    expected: {
      spec: {
        ...TEMPLATE_SPEC,
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 5,
        enableServiceLinks: false,
        tolerations: [{ operator: 'Exists' }],
        priorityClassName: 'high',
        initContainers: [
          { ...container('busybox@sha256:abc', 'IfNotPresent'), name: 'i', resources: { limits: { cpu: '1' }, requests: { memory: '1Mi', cpu: '1' } } },
        ],
        containers: [
          {
            ...container('registry:5000/app:latest', 'Never'),
            ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }],
            env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }, { name: 'V', value: 'x' }],
            livenessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            readinessProbe: { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 3, successThreshold: 1, failureThreshold: 3 },
            startupProbe: { grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            lifecycle: { preStop: { httpGet: { port: 80, path: '/stop', scheme: 'HTTP' } } },
          },
        ],
      },
    },
  },
  {
    name: 'pod volumes, hostNetwork ports, a toleration that covers only not-ready',
    group: '',
    kind: 'Pod',
    input: {
      spec: {
        hostNetwork: true,
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
        containers: [{ name: 'c', image: 'app:v1', ports: [{ containerPort: 8080 }] }],
        volumes: [
          { name: 'none' },
          { name: 'cm', configMap: { name: 'x' } },
          { name: 's', secret: { secretName: 'x', defaultMode: 256 } },
          { name: 'h', hostPath: { path: '/tmp' } },
          { name: 'd', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
          { name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } },
        ],
      },
    },
    expected: {
      spec: {
        ...TEMPLATE_SPEC,
        ...POD_ONLY,
        hostNetwork: true,
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, POD_ONLY.tolerations[1]],
        containers: [{ ...container('app:v1', 'IfNotPresent'), ports: [{ containerPort: 8080, protocol: 'TCP', hostPort: 8080 }] }],
        volumes: [
          { name: 'none', emptyDir: {} },
          { name: 'cm', configMap: { name: 'x', defaultMode: 420 } },
          { name: 's', secret: { secretName: 'x', defaultMode: 256 } },
          { name: 'h', hostPath: { path: '/tmp', type: '' } },
          { name: 'd', downwardAPI: { defaultMode: 420, items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }] } },
          { name: 'p', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }] } },
          { name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' } } } },
        ],
      },
    },
  },
  {
    name: 'deployment',
    group: 'apps',
    kind: 'Deployment',
    input: { spec: { template } },
    expected: {
      spec: {
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: defaultedTemplate,
      },
    },
  },
  {
    name: 'deployment with Recreate and client values',
    group: 'apps',
    kind: 'Deployment',
    input: { spec: { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2, template } },
    expected: { spec: { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2, progressDeadlineSeconds: 600, template: defaultedTemplate } },
  },
  {
    name: 'replicaset',
    group: 'apps',
    kind: 'ReplicaSet',
    input: { spec: { template } },
    expected: { spec: { replicas: 1, template: defaultedTemplate } },
  },
  {
    name: 'statefulset',
    group: 'apps',
    kind: 'StatefulSet',
    input: { spec: { template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] } },
    expected: {
      spec: {
        replicas: 1,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        revisionHistoryLimit: 10,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
        template: defaultedTemplate,
      },
    },
  },
  {
    name: 'statefulset with an explicit RollingUpdate keeps its strategy as sent',
    group: 'apps',
    kind: 'StatefulSet',
    input: { spec: { updateStrategy: { type: 'RollingUpdate' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' }, template } },
    expected: {
      spec: {
        replicas: 1,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        revisionHistoryLimit: 10,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
        template: defaultedTemplate,
      },
    },
  },
  {
    name: 'daemonset',
    group: 'apps',
    kind: 'DaemonSet',
    input: { spec: { template } },
    expected: {
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10, template: defaultedTemplate },
    },
  },
  {
    name: 'job: labels from the template, completions and parallelism',
    group: 'batch',
    kind: 'Job',
    input: { metadata: { name: 'j' }, spec: { template: { metadata: { labels: { app: 'j' } }, spec: { ...template.spec, restartPolicy: 'Never' } } } },
    expected: {
      metadata: { name: 'j', labels: { app: 'j' } },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        template: { metadata: { labels: { app: 'j' } }, spec: { ...defaultedTemplate.spec, restartPolicy: 'Never' } },
      },
    },
  },
  {
    name: 'job: parallelism alone, per-index backoff, a pod failure policy',
    group: 'batch',
    kind: 'Job',
    input: {
      spec: {
        completions: 5,
        backoffLimitPerIndex: 1,
        completionMode: 'Indexed',
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        template,
      },
    },
    expected: {
      metadata: {},
      spec: {
        completions: 5,
        parallelism: 1,
        backoffLimit: 2147483647,
        backoffLimitPerIndex: 1,
        completionMode: 'Indexed',
        suspend: false,
        podReplacementPolicy: 'Failed',
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        template: defaultedTemplate,
      },
    },
  },
  {
    name: 'cronjob: its own defaults and the pod template only',
    group: 'batch',
    kind: 'CronJob',
    input: { spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } },
    expected: {
      spec: {
        schedule: '* * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: { template: defaultedTemplate } },
      },
    },
  },
  {
    name: 'replicationcontroller: selector and labels from the template',
    group: '',
    kind: 'ReplicationController',
    input: { spec: { template: { metadata: { labels: { app: 'r' } }, spec: template.spec } } },
    expected: {
      metadata: { labels: { app: 'r' } },
      spec: { replicas: 1, selector: { app: 'r' }, template: { metadata: { labels: { app: 'r' } }, spec: defaultedTemplate.spec } },
    },
  },
  {
    name: 'podtemplate',
    group: '',
    kind: 'PodTemplate',
    input: { template },
    expected: { template: defaultedTemplate },
  },
  {
    name: 'service ClusterIP',
    group: '',
    kind: 'Service',
    input: { spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }] } },
    expected: {
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }],
      },
    },
  },
  {
    name: 'service LoadBalancer with ClientIP affinity',
    group: '',
    kind: 'Service',
    input: { spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443, targetPort: 0 }] } },
    expected: {
      spec: {
        type: 'LoadBalancer',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
        ports: [{ port: 443, protocol: 'TCP', targetPort: 443 }],
      },
    },
  },
  {
    name: 'service ExternalName gets no traffic policies',
    group: '',
    kind: 'Service',
    input: { spec: { type: 'ExternalName', externalName: 'example.com' } },
    expected: { spec: { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' } },
  },
  { name: 'secret', group: '', kind: 'Secret', input: { data: {} }, expected: { data: {}, type: 'Opaque' } },
  { name: 'secret keeps its type', group: '', kind: 'Secret', input: { type: 'kubernetes.io/tls' }, expected: { type: 'kubernetes.io/tls' } },
  {
    name: 'pvc',
    group: '',
    kind: 'PersistentVolumeClaim',
    input: { spec: { accessModes: ['ReadWriteOnce'] } },
    expected: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
  },
  {
    name: 'pv',
    group: '',
    kind: 'PersistentVolume',
    input: { spec: { hostPath: { path: '/x' } } },
    expected: { spec: { hostPath: { path: '/x' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
  },
  {
    name: 'endpoints',
    group: '',
    kind: 'Endpoints',
    input: { subsets: [{ ports: [{ port: 80 }] }] },
    expected: { subsets: [{ ports: [{ port: 80, protocol: 'TCP' }] }] },
  },
  {
    name: 'endpointslice',
    group: 'discovery.k8s.io',
    kind: 'EndpointSlice',
    input: { addressType: 'IPv4', ports: [{ port: 80 }] },
    expected: { addressType: 'IPv4', ports: [{ port: 80, name: '', protocol: 'TCP' }] },
  },
  {
    name: 'networkpolicy without egress',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    input: { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } },
    expected: { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress'] } },
  },
  {
    name: 'networkpolicy with egress',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    input: { spec: { podSelector: {}, egress: [{}] } },
    expected: { spec: { podSelector: {}, egress: [{}], policyTypes: ['Ingress', 'Egress'] } },
  },
  {
    name: 'hpa v1',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    input: { apiVersion: 'autoscaling/v1', spec: { maxReplicas: 3 } },
    expected: { apiVersion: 'autoscaling/v1', spec: { maxReplicas: 3, minReplicas: 1 } },
  },
  {
    name: 'hpa v2 with a partial behavior (scale-down window left to the controller)',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    input: { apiVersion: 'autoscaling/v2', spec: { maxReplicas: 3, behavior: { scaleUp: { selectPolicy: 'Min' } } } },
    expected: {
      apiVersion: 'autoscaling/v2',
      spec: {
        maxReplicas: 3,
        minReplicas: 1,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        behavior: {
          scaleUp: {
            stabilizationWindowSeconds: 0,
            selectPolicy: 'Min',
            policies: [
              { type: 'Pods', value: 4, periodSeconds: 15 },
              { type: 'Percent', value: 100, periodSeconds: 15 },
            ],
          },
          scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        },
      },
    },
  },
  {
    name: 'priorityclass',
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    input: { value: 10 },
    expected: { value: 10, preemptionPolicy: 'PreemptLowerPriority' },
  },
  {
    name: 'storageclass',
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    input: { provisioner: 'x' },
    expected: { provisioner: 'x', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' },
  },
  {
    name: 'clusterrolebinding',
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    input: { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 's', namespace: 'd' }] },
    expected: {
      roleRef: { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' },
      subjects: [{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 's', namespace: 'd' }],
    },
  },
  { name: 'kinds without defaults are untouched', group: '', kind: 'ConfigMap', input: { data: { a: '1' } }, expected: { data: { a: '1' } } },
  { name: 'lease', group: 'coordination.k8s.io', kind: 'Lease', input: { spec: {} }, expected: { spec: {} } },
];

t.test('defaults per kind', async (t) => {
  for (const c of CASES) t.same(defaulted(c.group, c.kind, c.input), c.expected, c.name);
});

t.test('applying defaults twice is applying them once', async (t) => {
  for (const c of CASES) {
    const once = defaulted(c.group, c.kind, c.input);
    t.same(defaulted(c.group, c.kind, once), once, c.name);
  }
});

t.test('pod template kinds get no pod-only defaults', async (t) => {
  const deployment = defaulted('apps', 'Deployment', { spec: { template } }) as { spec: { template: { spec: Record<string, unknown> } } };
  for (const key of ['enableServiceLinks', 'tolerations', 'priority', 'preemptionPolicy']) t.notOk(key in deployment.spec.template.spec, key);
});

t.test('image tags as upstream parses them', async (t) => {
  const table: Array<[string, string]> = [
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['localhost:5000/nginx', 'latest'],
    ['localhost:5000/nginx:v2', 'v2'],
    ['nginx@sha256:abc', ''],
    ['nginx:1.27@sha256:abc', '1.27'],
  ];
  for (const [image, tag] of table) t.equal(imageTag(image), tag, image);
});

t.test('a created Deployment and Pod answer with their defaults', async (t) => {
  const api = await startTestApi();
  t.teardown(() => api.close());
  const deploy = await api.call('POST', '/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  t.equal(deploy.status, 201, deploy.text);
  t.match(deploy.json.spec, {
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    template: { spec: { ...TEMPLATE_SPEC, containers: [{ ...container('nginx', 'Always'), name: 'web' }] } },
  });
  t.notOk('enableServiceLinks' in deploy.json.spec.template.spec);

  const pod = await api.call('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', ports: [{ containerPort: 80 }] }] },
  });
  t.equal(pod.status, 201, pod.text);
  t.match(pod.json.spec, {
    ...TEMPLATE_SPEC,
    ...POD_ONLY,
    containers: [{ ...container('busybox:1.36', 'IfNotPresent'), ports: [{ containerPort: 80, protocol: 'TCP' }] }],
  });
});

t.test('admission defaults of pods apply only to new pods', async (t) => {
  const { applyDefaults } = await import('../../apiserver/defaults/index.js');
  const pod = () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const created = pod();
  applyDefaults('', 'Pod', created, { create: true });
  t.equal((created.spec as { tolerations?: unknown[] }).tolerations?.length, 2);
  t.equal((created.spec as { priority?: number }).priority, 0);
  const updated = pod();
  applyDefaults('', 'Pod', updated, { create: false });
  t.notOk('tolerations' in updated.spec, 'no tolerations added on update');
  t.notOk('priority' in updated.spec);
  t.equal((updated.spec as { restartPolicy?: string }).restartPolicy, 'Always', 'SetDefaults still applies');
});

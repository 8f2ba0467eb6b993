import type { V1Pod } from '@kubernetes/client-node';
import { podSummary, readinessGates } from '../columns/pod-status.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';
import { podStrategy } from './pod-strategy.js';
import { resolvePodPriority } from './pod-priority.js';
import { admitPodServiceAccount } from './pod-service-account.js';

const pod = (o: KubeObject) => typed<V1Pod>(o);

export const pods: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  subresources: [
    { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'resize', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  model: 'V1Pod',
  hasStatus: true,
  strategy: podStrategy,
  // Admission in upstream's plugin order: ServiceAccount, then Priority.
  hooks: {
    beforeCreate: async (pod, env) => {
      await admitPodServiceAccount(pod, env);
      await resolvePodPriority(pod, env);
    },
  },
  columns: [
    {
      name: 'Ready',
      type: 'string',
      description: 'The aggregate readiness state of this pod for accepting traffic.',
      cell: (o, now) => podSummary(pod(o), now).ready,
    },
    {
      name: 'Status',
      type: 'string',
      description: 'The aggregate status of the containers in this pod.',
      cell: (o, now) => podSummary(pod(o), now).status,
    },
    {
      name: 'Restarts',
      type: 'string',
      description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      cell: (o, now) => podSummary(pod(o), now).restarts,
    },
    {
      name: 'IP',
      type: 'string',
      priority: 1,
      description: 'IP address allocated to the pod.',
      cell: (o) => pod(o).status?.podIPs?.[0]?.ip || pod(o).status?.podIP || '<none>',
    },
    {
      name: 'Node',
      type: 'string',
      priority: 1,
      description: 'The node the pod is scheduled onto.',
      cell: (o) => pod(o).spec?.nodeName || '<none>',
    },
    {
      name: 'Nominated Node',
      type: 'string',
      priority: 1,
      description: 'The node preemption nominated for this pod.',
      cell: (o) => pod(o).status?.nominatedNodeName || '<none>',
    },
    {
      name: 'Readiness Gates',
      type: 'string',
      priority: 1,
      description: 'Readiness gates that are true, of all the gates of the pod.',
      cell: (o) => readinessGates(pod(o)),
    },
  ],
  // Mirrors the pod registry's selectable fields: a missing bool reads "false", a missing string "".
  fieldSelectors: {
    'spec.nodeName': (o) => pod(o).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => pod(o).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => pod(o).spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => pod(o).spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(pod(o).spec?.hostNetwork ?? false),
    'status.phase': (o) => pod(o).status?.phase ?? '',
    'status.podIP': (o) => pod(o).status?.podIPs?.[0]?.ip ?? pod(o).status?.podIP ?? '',
    'status.nominatedNodeName': (o) => pod(o).status?.nominatedNodeName ?? '',
  },
};

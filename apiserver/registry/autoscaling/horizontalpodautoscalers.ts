import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { hpaTargets } from '../columns/hpa-metrics.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const hpa = (o: KubeObject) => typed<V2HorizontalPodAutoscaler>(o);

/** Served as autoscaling/v2 (preferred, the stored form) and v1; one storage. */
export const horizontalpodautoscalers: ResourceEntry = {
  group: 'autoscaling',
  versions: ['v2', 'v1'],
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  categories: ['all'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'HorizontalPodAutoscaler', verbs: ['get', 'patch', 'update'] }],
  model: 'V2HorizontalPodAutoscaler',
  hasStatus: true,
  columns: [
    {
      name: 'Reference',
      type: 'string',
      description: 'The scale target: Kind/name.',
      cell: (o) => `${hpa(o).spec?.scaleTargetRef?.kind ?? ''}/${hpa(o).spec?.scaleTargetRef?.name ?? ''}`,
    },
    { name: 'Targets', type: 'string', description: 'Current and target value of each metric.', cell: (o) => hpaTargets(hpa(o)) },
    { name: 'MinPods', type: 'string', description: 'Lower limit of replicas.', cell: (o) => String(hpa(o).spec?.minReplicas ?? '<unset>') },
    { name: 'MaxPods', type: 'string', description: 'Upper limit of replicas.', cell: (o) => hpa(o).spec?.maxReplicas ?? 0 },
    { name: 'Replicas', type: 'string', description: 'Current number of replicas.', cell: (o) => hpa(o).status?.currentReplicas ?? 0 },
  ],
};

// The CONTAINERS and IMAGES cells of workload tables (upstream layoutContainerCells) and the -o wide
// columns every pod-template workload shares.
import type { V1Container, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { KubeObject, TableColumn } from '../types.js';

export function containerNames(containers: V1Container[] | undefined): string {
  return (containers ?? []).map((c) => c.name).join(',');
}

export function containerImages(containers: V1Container[] | undefined): string {
  return (containers ?? []).map((c) => c.image ?? '').join(',');
}

/** Wide CONTAINERS and IMAGES columns for a kind whose pod template `templateOf` finds. */
export function templateColumns(templateOf: (o: KubeObject) => V1PodTemplateSpec | undefined): TableColumn[] {
  return [
    {
      name: 'Containers',
      type: 'string',
      priority: 1,
      description: 'Names of each container in the template.',
      cell: (o) => containerNames(templateOf(o)?.spec?.containers),
    },
    {
      name: 'Images',
      type: 'string',
      priority: 1,
      description: 'Images referenced by each container in the template.',
      cell: (o) => containerImages(templateOf(o)?.spec?.containers),
    },
  ];
}

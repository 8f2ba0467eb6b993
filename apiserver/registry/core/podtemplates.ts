import type { V1PodTemplate } from '@kubernetes/client-node';
import { containerImages, containerNames } from '../columns/containers.js';
import { formatLabels } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const template = (o: KubeObject) => typed<V1PodTemplate>(o).template;

export const podtemplates: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'PodTemplate',
  plural: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  model: 'V1PodTemplate',
  columns: [
    {
      name: 'Containers',
      type: 'string',
      description: 'Names of each container in the template.',
      cell: (o) => containerNames(template(o)?.spec?.containers),
    },
    {
      name: 'Images',
      type: 'string',
      description: 'Images referenced by each container in the template.',
      cell: (o) => containerImages(template(o)?.spec?.containers),
    },
    { name: 'Pod Labels', type: 'string', description: 'The labels for the pod template.', cell: (o) => formatLabels(template(o)?.metadata?.labels) },
  ],
};

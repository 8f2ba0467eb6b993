import type { V1IngressClass } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const ic = (o: KubeObject) => typed<V1IngressClass>(o);

export const ingressclasses: ResourceEntry = {
  group: 'networking.k8s.io',
  versions: ['v1'],
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  model: 'V1IngressClass',
  columns: [
    { name: 'Controller', type: 'string', description: 'Controller that is responsible for handling this class', cell: (o) => ic(o).spec?.controller ?? '' },
    {
      name: 'Parameters',
      type: 'string',
      description: 'A reference to a resource with additional parameters',
      cell: (o) => {
        const p = ic(o).spec?.parameters;
        if (!p) return '<none>';
        return `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}`;
      },
    },
  ],
};

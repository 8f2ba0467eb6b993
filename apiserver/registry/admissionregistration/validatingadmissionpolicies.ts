import type { V1ValidatingAdmissionPolicy } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const spec = (o: KubeObject) => typed<V1ValidatingAdmissionPolicy>(o).spec;

export const validatingadmissionpolicies: ResourceEntry = {
  group: 'admissionregistration.k8s.io',
  versions: ['v1'],
  kind: 'ValidatingAdmissionPolicy',
  plural: 'validatingadmissionpolicies',
  singular: 'validatingadmissionpolicy',
  categories: ['api-extensions'],
  namespaced: false,
  subresources: [{ name: 'status', kind: 'ValidatingAdmissionPolicy', verbs: ['get', 'patch', 'update'] }],
  model: 'V1ValidatingAdmissionPolicy',
  hasStatus: true,
  columns: [
    {
      name: 'Validations',
      type: 'integer',
      description: 'Validations indicates the number of validation rules defined in this configuration',
      cell: (o) => (spec(o)?.validations ?? []).length,
    },
    {
      name: 'ParamKind',
      type: 'string',
      description: 'ParamKind specifies the kind of resources used to parameterize this policy',
      cell: (o) => {
        const p = spec(o)?.paramKind;
        return p ? `${p.apiVersion ?? ''}/${p.kind ?? ''}` : '<unset>';
      },
    },
  ],
};

import type { V1ValidatingAdmissionPolicyBinding } from '@kubernetes/client-node';
import { labelSelectorString } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const spec = (o: KubeObject) => typed<V1ValidatingAdmissionPolicyBinding>(o).spec;

/** `ns/name`, `*\/name` when the namespace is open, the selector, or `<unset>`. */
function paramRef(o: KubeObject): string {
  const ref = spec(o)?.paramRef;
  if (!ref) return '<unset>';
  if (ref.name) return `${ref.namespace || '*'}/${ref.name}`;
  return ref.selector ? (labelSelectorString(ref.selector) ?? '') : '<unset>';
}

export const validatingadmissionpolicybindings: ResourceEntry = {
  group: 'admissionregistration.k8s.io',
  versions: ['v1'],
  kind: 'ValidatingAdmissionPolicyBinding',
  plural: 'validatingadmissionpolicybindings',
  singular: 'validatingadmissionpolicybinding',
  categories: ['api-extensions'],
  namespaced: false,
  model: 'V1ValidatingAdmissionPolicyBinding',
  columns: [
    {
      name: 'PolicyName',
      type: 'string',
      description: 'PolicyName indicates the policy definition which the policy binding binded to',
      cell: (o) => spec(o)?.policyName ?? '',
    },
    { name: 'ParamRef', type: 'string', description: 'ParamRef indicates the param resource which sets the configration param', cell: paramRef },
  ],
};

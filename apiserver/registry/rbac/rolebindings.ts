import { bindingColumns } from '../columns/rbac.js';
import type { ResourceEntry } from '../types.js';

export const rolebindings: ResourceEntry = {
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  nameRule: 'path-segment',
  model: 'V1RoleBinding',
  columns: bindingColumns('roleBinding'),
};

import { bindingColumns } from '../columns/rbac.js';
import type { ResourceEntry } from '../types.js';

export const clusterrolebindings: ResourceEntry = {
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  nameRule: 'path-segment',
  model: 'V1ClusterRoleBinding',
  columns: bindingColumns('clusterRoleBinding'),
};

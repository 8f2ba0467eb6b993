import { createdAtColumn } from '../columns/created-at.js';
import type { ResourceEntry } from '../types.js';

export const clusterroles: ResourceEntry = {
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  nameRule: 'path-segment',
  model: 'V1ClusterRole',
  columns: [createdAtColumn],
};

import { createdAtColumn } from '../columns/created-at.js';
import type { ResourceEntry } from '../types.js';

export const roles: ResourceEntry = {
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  nameRule: 'path-segment',
  model: 'V1Role',
  columns: [createdAtColumn],
};

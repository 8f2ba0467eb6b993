import { crdStrategy } from '../../crd/crd-strategy.js';
import { CRD_CLEANUP_FINALIZER } from '../../crd/crd-status.js';
import { createdAtColumn } from '../columns/created-at.js';
import type { ResourceEntry } from '../types.js';

export const customresourcedefinitions: ResourceEntry = {
  group: 'apiextensions.k8s.io',
  versions: ['v1'],
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  namespaced: false,
  subresources: [{ name: 'status', kind: 'CustomResourceDefinition', verbs: ['get', 'patch', 'update'] }],
  storagePrefix: '/registry/apiextensions.k8s.io/customresourcedefinitions',
  model: 'V1CustomResourceDefinition',
  hasStatus: true,
  columns: [createdAtColumn],
  strategy: crdStrategy,
  deletionFinalizers: [CRD_CLEANUP_FINALIZER],
};

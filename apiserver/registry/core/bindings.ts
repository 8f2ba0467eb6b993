import type { ResourceEntry } from '../types.js';

/** Create-only: POST a Binding to bind a pod to a node (the older form of pods/binding). No storage. */
export const bindings: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Binding',
  plural: 'bindings',
  singular: 'binding',
  namespaced: true,
  verbs: ['create'],
  model: 'V1Binding',
};

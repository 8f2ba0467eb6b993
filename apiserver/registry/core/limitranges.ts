import { createdAtColumn } from '../columns/created-at.js';
import type { ResourceEntry } from '../types.js';

export const limitranges: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  shortNames: ['limits'],
  namespaced: true,
  model: 'V1LimitRange',
  columns: [createdAtColumn],
};

import { localSubjectAccessReview } from '../../auth/reviews/access-review.js';
import type { ResourceEntry } from '../types.js';

export const localsubjectaccessreviews: ResourceEntry = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'LocalSubjectAccessReview',
  plural: 'localsubjectaccessreviews',
  singular: 'localsubjectaccessreview',
  namespaced: true,
  verbs: ['create'],
  model: 'V1LocalSubjectAccessReview',
  serve: { create: localSubjectAccessReview },
};

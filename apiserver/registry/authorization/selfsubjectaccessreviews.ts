import { selfSubjectAccessReview } from '../../auth/reviews/access-review.js';
import type { ResourceEntry } from '../types.js';

export const selfsubjectaccessreviews: ResourceEntry = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'SelfSubjectAccessReview',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  verbs: ['create'],
  model: 'V1SelfSubjectAccessReview',
  serve: { create: selfSubjectAccessReview },
};

import { subjectAccessReview } from '../../auth/reviews/access-review.js';
import type { ResourceEntry } from '../types.js';

export const subjectaccessreviews: ResourceEntry = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'SubjectAccessReview',
  plural: 'subjectaccessreviews',
  singular: 'subjectaccessreview',
  namespaced: false,
  verbs: ['create'],
  model: 'V1SubjectAccessReview',
  serve: { create: subjectAccessReview },
};

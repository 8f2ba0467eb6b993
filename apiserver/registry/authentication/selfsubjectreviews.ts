import { selfSubjectReview } from '../../auth/reviews/identity-reviews.js';
import type { ResourceEntry } from '../types.js';

export const selfsubjectreviews: ResourceEntry = {
  group: 'authentication.k8s.io',
  versions: ['v1', 'v1beta1', 'v1alpha1'],
  kind: 'SelfSubjectReview',
  plural: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  namespaced: false,
  verbs: ['create'],
  model: 'V1SelfSubjectReview',
  serve: { create: selfSubjectReview },
};

import { tokenReview } from '../../auth/reviews/identity-reviews.js';
import type { ResourceEntry } from '../types.js';

export const tokenreviews: ResourceEntry = {
  group: 'authentication.k8s.io',
  versions: ['v1'],
  kind: 'TokenReview',
  plural: 'tokenreviews',
  singular: 'tokenreview',
  namespaced: false,
  verbs: ['create'],
  model: 'V1TokenReview',
  serve: { create: tokenReview },
};

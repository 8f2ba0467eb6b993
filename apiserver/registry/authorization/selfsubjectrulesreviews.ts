import { selfSubjectRulesReview } from '../../auth/reviews/identity-reviews.js';
import type { ResourceEntry } from '../types.js';

export const selfsubjectrulesreviews: ResourceEntry = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'SelfSubjectRulesReview',
  plural: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  namespaced: false,
  verbs: ['create'],
  model: 'V1SelfSubjectRulesReview',
  serve: { create: selfSubjectRulesReview },
};

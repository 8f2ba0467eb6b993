// Protobuf field tables of k8s.io/api/authentication/v1beta1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const authenticationV1beta1 = defineSchema({
  package: 'k8s.io.api.authentication.v1beta1',
  groupVersion: 'authentication.k8s.io/v1beta1',
  kinds: ['SelfSubjectReview'],
  messages: {
    SelfSubjectReview: ['1 metadata meta.ObjectMeta o', '2 status SelfSubjectReviewStatus o'],
    SelfSubjectReviewStatus: ['1 userInfo k8s.io.api.authentication.v1.UserInfo o'],
  },
});

// Protobuf field tables of k8s.io/api/authentication/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const authenticationV1 = defineSchema({
  package: 'k8s.io.api.authentication.v1',
  groupVersion: 'authentication.k8s.io/v1',
  kinds: ['TokenRequest', 'TokenReview', 'SelfSubjectReview'],
  messages: {
    TokenRequest: ['1 metadata meta.ObjectMeta o', '2 spec TokenRequestSpec', '3 status TokenRequestStatus o'],
    TokenRequestSpec: ['1 audiences []string', '4 expirationSeconds int64 p', '3 boundObjectRef BoundObjectReference p'],
    BoundObjectReference: ['1 kind string o', '2 apiVersion string o', '3 name string o', '4 uid string o'],
    TokenRequestStatus: ['1 token string', '2 expirationTimestamp meta.Time'],
    TokenReview: ['1 metadata meta.ObjectMeta o', '2 spec TokenReviewSpec', '3 status TokenReviewStatus o'],
    TokenReviewSpec: ['1 token string o', '2 audiences []string o'],
    TokenReviewStatus: ['1 authenticated bool o', '2 user UserInfo o', '4 audiences []string o', '3 error string o'],
    UserInfo: ['1 username string o', '2 uid string o', '3 groups []string o', '4 extra map<string,ExtraValue> o'],
    ExtraValue: '[]string',
    SelfSubjectReview: ['1 metadata meta.ObjectMeta o', '2 status SelfSubjectReviewStatus o'],
    SelfSubjectReviewStatus: ['1 userInfo UserInfo o'],
  },
});

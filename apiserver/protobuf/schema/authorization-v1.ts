// Protobuf field tables of k8s.io/api/authorization/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const authorizationV1 = defineSchema({
  package: 'k8s.io.api.authorization.v1',
  groupVersion: 'authorization.k8s.io/v1',
  kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'LocalSubjectAccessReview'],
  messages: {
    SelfSubjectAccessReview: [
      '1 metadata meta.ObjectMeta o', '2 spec SelfSubjectAccessReviewSpec', '3 status SubjectAccessReviewStatus o',
    ],
    SelfSubjectAccessReviewSpec: [
      '1 resourceAttributes ResourceAttributes po', '2 nonResourceAttributes NonResourceAttributes po',
    ],
    ResourceAttributes: [
      '1 namespace string o', '2 verb string o', '3 group string o', '4 version string o', '5 resource string o',
      '6 subresource string o', '7 name string o', '8 fieldSelector FieldSelectorAttributes po',
      '9 labelSelector LabelSelectorAttributes po',
    ],
    FieldSelectorAttributes: ['1 rawSelector string o', '2 requirements []meta.FieldSelectorRequirement o'],
    LabelSelectorAttributes: ['1 rawSelector string o', '2 requirements []meta.LabelSelectorRequirement o'],
    NonResourceAttributes: ['1 path string o', '2 verb string o'],
    SubjectAccessReviewStatus: ['1 allowed bool', '4 denied bool o', '2 reason string o', '3 evaluationError string o'],
    SelfSubjectRulesReview: [
      '1 metadata meta.ObjectMeta o', '2 spec SelfSubjectRulesReviewSpec', '3 status SubjectRulesReviewStatus o',
    ],
    SelfSubjectRulesReviewSpec: ['1 namespace string o'],
    SubjectRulesReviewStatus: [
      '1 resourceRules []ResourceRule', '2 nonResourceRules []NonResourceRule', '3 incomplete bool',
      '4 evaluationError string o',
    ],
    ResourceRule: ['1 verbs []string', '2 apiGroups []string o', '3 resources []string o', '4 resourceNames []string o'],
    NonResourceRule: ['1 verbs []string', '2 nonResourceURLs []string o'],
    SubjectAccessReview: [
      '1 metadata meta.ObjectMeta o', '2 spec SubjectAccessReviewSpec', '3 status SubjectAccessReviewStatus o',
    ],
    SubjectAccessReviewSpec: [
      '1 resourceAttributes ResourceAttributes po', '2 nonResourceAttributes NonResourceAttributes po', '3 user string o',
      '4 groups []string o', '5 extra map<string,ExtraValue> o', '6 uid string o',
    ],
    ExtraValue: '[]string',
    LocalSubjectAccessReview: [
      '1 metadata meta.ObjectMeta o', '2 spec SubjectAccessReviewSpec', '3 status SubjectAccessReviewStatus o',
    ],
  },
});

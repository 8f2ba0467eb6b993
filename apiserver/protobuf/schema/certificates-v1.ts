// Protobuf field tables of k8s.io/api/certificates/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const certificatesV1 = defineSchema({
  package: 'k8s.io.api.certificates.v1',
  groupVersion: 'certificates.k8s.io/v1',
  kinds: ['CertificateSigningRequest'],
  messages: {
    CertificateSigningRequest: [
      '1 metadata meta.ObjectMeta o', '2 spec CertificateSigningRequestSpec', '3 status CertificateSigningRequestStatus o',
    ],
    CertificateSigningRequestSpec: [
      '1 request bytes', '7 signerName string', '8 expirationSeconds int32 po', '5 usages []string o', '2 username string o',
      '3 uid string o', '4 groups []string o', '6 extra map<string,ExtraValue> o',
    ],
    ExtraValue: '[]string',
    CertificateSigningRequestStatus: ['1 conditions []CertificateSigningRequestCondition o', '2 certificate bytes o'],
    CertificateSigningRequestCondition: [
      '1 type string', '6 status string', '2 reason string o', '3 message string o', '4 lastUpdateTime meta.Time o',
      '5 lastTransitionTime meta.Time o',
    ],
  },
});

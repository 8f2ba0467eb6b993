// Protobuf field tables of k8s.io/api/networking/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const networkingV1 = defineSchema({
  package: 'k8s.io.api.networking.v1',
  groupVersion: 'networking.k8s.io/v1',
  kinds: ['Ingress'],
  messages: {
    Ingress: ['1 metadata meta.ObjectMeta o', '2 spec IngressSpec o', '3 status IngressStatus o'],
    IngressSpec: [
      '4 ingressClassName string po', '1 defaultBackend IngressBackend po', '2 tls []IngressTLS o', '3 rules []IngressRule o',
    ],
    IngressBackend: ['4 service IngressServiceBackend po', '3 resource core.TypedLocalObjectReference po'],
    IngressServiceBackend: ['1 name string', '2 port ServiceBackendPort o'],
    ServiceBackendPort: ['1 name string o', '2 number int32 o'],
    IngressTLS: ['1 hosts []string o', '2 secretName string o'],
    IngressRule: ['1 host string o', '2 - IngressRuleValue i'],
    IngressRuleValue: ['1 http HTTPIngressRuleValue po'],
    HTTPIngressRuleValue: ['1 paths []HTTPIngressPath'],
    HTTPIngressPath: ['1 path string o', '3 pathType string p', '2 backend IngressBackend'],
    IngressStatus: ['1 loadBalancer IngressLoadBalancerStatus o'],
    IngressLoadBalancerStatus: ['1 ingress []IngressLoadBalancerIngress o'],
    IngressLoadBalancerIngress: ['1 ip string o', '2 hostname string o', '4 ports []IngressPortStatus o'],
    IngressPortStatus: ['1 port int32', '2 protocol string', '3 error string po'],
  },
});

// networking.k8s.io/v1 NetworkPolicy defaults (SetDefaults_NetworkPolicy, _NetworkPolicyPort).
// Ingress has none in v1 (pathType is required).
import { defaultString, items, specOf } from './fields.js';

export function defaultNetworkPolicy(obj: object): void {
  const spec = specOf(obj);
  for (const direction of ['ingress', 'egress']) {
    for (const rule of items(spec, direction)) {
      for (const port of items(rule, 'ports')) defaultString(port, 'protocol', 'TCP');
    }
  }
  const policyTypes = spec['policyTypes'];
  if (!Array.isArray(policyTypes) || policyTypes.length === 0) {
    // A policy without policyTypes implies Ingress, and Egress when it has egress rules.
    const egress = spec['egress'];
    spec['policyTypes'] = Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

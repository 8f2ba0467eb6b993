import type { V1Ingress } from '@kubernetes/client-node';
import { loadBalancerAddresses } from '../columns/service.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const ing = (o: KubeObject) => typed<V1Ingress>(o);

/** Rule hosts, the first three then "+ N more..." (N counts rules); `*` when no rule names a host (upstream formatHosts). */
function hosts(o: KubeObject): string {
  const rules = ing(o).spec?.rules ?? [];
  const named: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (named.length === 3) more = true;
    if (!more && rule.host) named.push(rule.host);
  }
  if (named.length === 0) return '*';
  return more ? `${named.join(',')} + ${rules.length - 3} more...` : named.join(',');
}

export const ingresses: ResourceEntry = {
  group: 'networking.k8s.io',
  versions: ['v1'],
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  shortNames: ['ing'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'Ingress', verbs: ['get', 'patch', 'update'] }],
  storagePrefix: '/registry/ingress',
  model: 'V1Ingress',
  hasStatus: true,
  columns: [
    {
      name: 'Class',
      type: 'string',
      description: 'The name of the IngressClass resource that should be used for additional configuration',
      cell: (o) => ing(o).spec?.ingressClassName ?? '<none>',
    },
    { name: 'Hosts', type: 'string', description: 'Hosts that incoming requests are matched against before the ingress rule', cell: hosts },
    {
      name: 'Address',
      type: 'string',
      description: 'Address is a list containing ingress points for the load-balancer',
      cell: (o) => loadBalancerAddresses(ing(o).status?.loadBalancer).join(','),
    },
    {
      name: 'Ports',
      type: 'string',
      description: 'Ports of TLS configurations that open',
      cell: (o) => ((ing(o).spec?.tls ?? []).length > 0 ? '80, 443' : '80'),
    },
  ],
};

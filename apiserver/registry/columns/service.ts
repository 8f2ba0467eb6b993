// CLUSTER-IP, EXTERNAL-IP and PORT(S) of `kubectl get services` (upstream printService).
import type { V1LoadBalancerStatus, V1Service } from '@kubernetes/client-node';

export function clusterIP(svc: V1Service): string {
  return svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
}

/** `80/TCP,443:30443/TCP`, or `<none>` without ports. */
export function servicePorts(svc: V1Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

/**
 * External IPs by service type. Unlike upstream's non-wide output, load-balancer addresses are
 * not clipped to 16 characters: a cell does not know whether `-o wide` was asked for.
 */
export function externalIP(svc: V1Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer);
      if (external.length > 0) return [...lb, ...external].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** Distinct ingress IPs (else hostnames), sorted: services and ingresses print them alike. */
export function loadBalancerAddresses(status: Pick<V1LoadBalancerStatus, 'ingress'> | undefined): string[] {
  const set = new Set<string>();
  for (const i of status?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort();
}

// Which endpoints a Service's EndpointSlices should hold (mirrors pkg/controller/endpointslice's
// podToEndpoint and getEndpointPorts): one endpoint per pod and address family, grouped by the
// ports resolved on that pod.
import type { Node, Pod, Service } from '../support/api-types.js';
import { findPort, isIPv6, isPodReady, podIPs, shouldPodBeInEndpoints } from '../support/pods.js';

export type AddressType = 'IPv4' | 'IPv6';

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
}

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** The endpoints that share one address type and one port list (upstream's endpointMeta). */
export interface EndpointGroup {
  addressType: AddressType;
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The address types a service's slices use: its ipFamilies (IPv4 when unset). */
export function serviceAddressTypes(service: Service): AddressType[] {
  const families = service.spec.ipFamilies?.filter((f): f is AddressType => f === 'IPv4' || f === 'IPv6') ?? [];
  return families.length > 0 ? families : ['IPv4'];
}

/** getEndpointPorts: each service port resolved on `pod`; ports the pod lacks are left out. */
export function endpointPorts(service: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of service.spec.ports ?? []) {
    const port = findPort(pod.spec, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** podToEndpoint: conditions as upstream (publishNotReadyAddresses makes every endpoint ready and serving). */
export function podToEndpoint(service: Service, pod: Pod, ip: string, node: Node | undefined): SliceEndpoint {
  const publish = !!service.spec.publishNotReadyAddresses;
  const serving = publish || isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ep: SliceEndpoint = {
    addresses: [ip],
    conditions: { ready: publish || (serving && !terminating), serving, terminating },
  };
  if (pod.spec.hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) ep.hostname = pod.spec.hostname;
  if (pod.spec.nodeName) {
    ep.nodeName = pod.spec.nodeName;
    const zone = node?.metadata.labels?.[ZONE_LABEL];
    if (zone) ep.zone = zone;
  }
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return ep;
}

export const portsKey = (addressType: string, ports: readonly SlicePort[]) =>
  JSON.stringify([addressType, [...ports].map((p) => [p.name, p.port, p.protocol, p.appProtocol ?? '']).sort()]);

/** The desired endpoints of `service` over its selected pods, grouped by address type and ports, pods in name order. */
export function desiredEndpointGroups(service: Service, pods: readonly Pod[], nodeByName: (name: string) => Node | undefined): EndpointGroup[] {
  const groups = new Map<string, EndpointGroup>();
  const sorted = [...pods].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const addressType of serviceAddressTypes(service)) {
    for (const pod of sorted) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ip = podIPs(pod).find((i) => isIPv6(i) === (addressType === 'IPv6'));
      if (!ip) continue;
      const ports = endpointPorts(service, pod);
      const key = portsKey(addressType, ports);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { addressType, ports, endpoints: [] }));
      g.endpoints.push(podToEndpoint(service, pod, ip, pod.spec.nodeName ? nodeByName(pod.spec.nodeName) : undefined));
    }
  }
  return [...groups.values()];
}

// The pure core of the endpoints controller: which pods become which addresses and ports
// (mirrors pkg/controller/endpoint syncService and pkg/api/v1/endpoints RepackSubsets).
import type { Pod, Service } from '../support/api-types.js';
import { findPort, isIPv6, isPodReady, podIPs, shouldPodBeInEndpoints } from '../support/pods.js';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** upstream's maxCapacity: more addresses than this are truncated and annotated. */
export const MAX_ENDPOINT_ADDRESSES = 1000;

/** The address of `pod` for `service` (podToEndpointAddressForService): the IP of the service's first family. */
export function podAddress(service: Service, pod: Pod): EndpointAddress | undefined {
  const ips = podIPs(pod);
  const family = service.spec.ipFamilies?.[0];
  const ip = family ? ips.find((i) => isIPv6(i) === (family === 'IPv6')) : ips[0];
  if (!ip) return undefined;
  const addr: EndpointAddress = { ip };
  if (pod.spec.hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) addr.hostname = pod.spec.hostname;
  if (pod.spec.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return addr;
}

/**
 * The subsets of `service` over the pods its selector matched: one subset per (address, ports)
 * before packing, then repacked. Pods without an IP, terminal pods and (unless
 * publishNotReadyAddresses) terminating pods are left out; a pod lacking a named targetPort is left
 * out of that port only.
 */
export function computeSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const tolerateUnready = !!service.spec.publishNotReadyAddresses;
  const raw: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const addr = podAddress(service, pod);
    if (!addr) continue;
    const ready = tolerateUnready || isPodReady(pod);
    const ports = service.spec.ports ?? [];
    if (ports.length === 0) {
      // Headless services without ports still list their addresses.
      if (service.spec.clusterIP === 'None') raw.push(ready ? { addresses: [addr] } : { notReadyAddresses: [addr] });
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod.spec, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      raw.push(ready ? { addresses: [addr], ports: [ep] } : { notReadyAddresses: [addr], ports: [ep] });
    }
  }
  return repackSubsets(raw);
}

const addrKey = (a: EndpointAddress) => JSON.stringify([a.ip, a.targetRef?.uid ?? '', a.hostname ?? '', a.nodeName ?? '']);
const portKey = (p: EndpointPort) => JSON.stringify([p.name ?? '', p.port, p.protocol, p.appProtocol ?? '']);

/**
 * RepackSubsets: map every address to the set of ports it serves, then group the addresses that
 * serve the same set into one subset. An address ready in any input subset is ready. Output order is
 * deterministic: addresses by IP, ports by name then number, subsets by their first address.
 */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addrs = new Map<string, { addr: EndpointAddress; ready: boolean; ports: Map<string, EndpointPort> }>();
  const note = (a: EndpointAddress, ready: boolean, ports: readonly EndpointPort[]) => {
    const k = addrKey(a);
    let entry = addrs.get(k);
    if (!entry) addrs.set(k, (entry = { addr: a, ready, ports: new Map() }));
    entry.ready ||= ready;
    for (const p of ports) entry.ports.set(portKey(p), p);
  };
  for (const s of subsets) {
    for (const a of s.addresses ?? []) note(a, true, s.ports ?? []);
    for (const a of s.notReadyAddresses ?? []) note(a, false, s.ports ?? []);
  }
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const { addr, ready, ports } of addrs.values()) {
    const sorted = [...ports.values()].sort(comparePorts);
    const k = sorted.map(portKey).join('|');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports: sorted, ready: [], notReady: [] }));
    (ready ? g.ready : g.notReady).push(addr);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(compareAddrs);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(compareAddrs);
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]!;
  return out.sort((a, b) => compareAddrs(first(a), first(b)));
}

function compareAddrs(a: EndpointAddress, b: EndpointAddress): number {
  return a.ip.localeCompare(b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || a.protocol.localeCompare(b.protocol);
}

/** Keeps at most `max` addresses (ready first), as upstream's truncateEndpoints; returns whether it cut. */
export function truncateSubsets(subsets: EndpointSubset[], max = MAX_ENDPOINT_ADDRESSES): { subsets: EndpointSubset[]; truncated: boolean } {
  const total = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  if (total <= max) return { subsets, truncated: false };
  let room = max;
  const cut = (list: EndpointAddress[] | undefined) => {
    if (!list) return undefined;
    const kept = list.slice(0, Math.max(0, room));
    room -= kept.length;
    return kept.length ? kept : undefined;
  };
  const ready = subsets.map((s) => ({ ...s, addresses: cut(s.addresses) }));
  const out = ready.map((s) => ({ ...s, notReadyAddresses: cut(s.notReadyAddresses) })).filter((s) => s.addresses || s.notReadyAddresses);
  for (const s of out) {
    if (!s.addresses) delete s.addresses;
    if (!s.notReadyAddresses) delete s.notReadyAddresses;
  }
  return { subsets: out, truncated: true };
}

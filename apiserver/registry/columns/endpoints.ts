// The ENDPOINTS cells of endpoints and endpointslices: the first three addresses, then "+ N more...".
import type { V1EndpointSlice, V1Endpoints } from '@kubernetes/client-node';

const SHOWN = 3;

/** `10.42.0.5:80,10.42.0.6:80 + 2 more...`; `<none>` without subsets (upstream formatEndpoints). */
export function formatEndpoints(ep: V1Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const all: string[] = [];
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) all.push(...addresses.map((a) => a.ip));
    else for (const p of ss.ports!) all.push(...addresses.map((a) => hostPort(a.ip, p.port)));
  }
  return withMore(all, '');
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Slice ports: number, else name, else `*`; `<unset>` when empty. */
export function formatSlicePorts(slice: V1EndpointSlice): string {
  return withMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*'))), '<unset>');
}

export function formatSliceEndpoints(slice: V1EndpointSlice): string {
  return withMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? []), '<unset>');
}

function withMore(items: string[], empty: string): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, SHOWN).join(',');
  return items.length > SHOWN ? `${shown} + ${items.length - SHOWN} more...` : shown;
}

// Content negotiation of GET /api and /apis: kubectl (1.26+) asks for aggregated discovery first,
//   Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,
//           application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json
// and falls back to the legacy documents when the server answers plain application/json.
import type { AggregatedDiscoveryVersion } from './types.js';

export const LEGACY_CONTENT_TYPE = 'application/json';

/** The exact Content-Type an aggregated answer must carry, or kubectl treats it as legacy. */
export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

export type DiscoveryFormat =
  | { aggregated: AggregatedDiscoveryVersion; contentType: string }
  | { aggregated: false; contentType: typeof LEGACY_CONTENT_TYPE };

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

/**
 * What to answer a discovery request with, honouring the order and q-values of Accept. A missing
 * or empty header means legacy JSON; undefined means nothing acceptable (answer 406). Only JSON is
 * served: protobuf and YAML ranges are skipped.
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat | undefined {
  if (accept === undefined || accept.trim() === '') return { aggregated: false, contentType: LEGACY_CONTENT_TYPE };
  const ranges = parseAccept(accept)
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q); // stable: equal q keeps the client's order
  for (const r of ranges) {
    const format = formatFor(r);
    if (format) return format;
  }
  return undefined;
}

function formatFor(r: MediaRange): DiscoveryFormat | undefined {
  if (r.type === '*/*' || r.type === 'application/*') return { aggregated: false, contentType: LEGACY_CONTENT_TYPE };
  if (r.type !== 'application/json') return undefined;
  const g = r.params.get('g');
  const v = r.params.get('v');
  const as = r.params.get('as');
  if (g === undefined && v === undefined && as === undefined) return { aggregated: false, contentType: LEGACY_CONTENT_TYPE };
  if (g === 'apidiscovery.k8s.io' && as === 'APIGroupDiscoveryList' && (v === 'v2' || v === 'v2beta1')) {
    return { aggregated: v, contentType: aggregatedContentType(v) };
  }
  return undefined;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part) => {
    const [type, ...rawParams] = part.split(';').map((s) => s.trim());
    if (!type) return [];
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq <= 0) continue;
      const key = p.slice(0, eq).trim().toLowerCase();
      const value = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
      else params.set(key, value);
    }
    return [{ type: type.toLowerCase(), params, q }];
  });
}

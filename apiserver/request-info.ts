// What a request is about, parsed from its path and method as upstream's RequestInfoResolver does:
// /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}, /apis/{group}/{version}/..., and non-resource
// paths (/version, /healthz, /openapi/v3, ...).

export interface ResourceRequest {
  kind: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Path segments after the subresource (pods/proxy/<path>). */
  rest: string[];
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
}

export interface NonResourceRequest {
  kind: 'nonresource';
  path: string;
  verb: string;
}

export type RequestInfo = ResourceRequest | NonResourceRequest;

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const METHOD_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', GET: 'get', HEAD: 'get' };

export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const nonResource = (): NonResourceRequest => ({ kind: 'nonresource', path, verb: (METHOD_VERBS[method] ?? method.toLowerCase()) });
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let i: number;
  let group: string;
  if (parts[0] === 'api') {
    if (parts.length < 3) return nonResource();
    group = '';
    i = 1;
  } else if (parts[0] === 'apis') {
    if (parts.length < 4) return nonResource();
    group = parts[1]!;
    i = 2;
  } else {
    return nonResource();
  }
  const version = parts[i++]!;
  let namespace: string | undefined;
  // As upstream: /namespaces/{ns}/{resource}... scopes a resource, while /namespaces/{ns},
  // /namespaces/{ns}/status and /namespaces/{ns}/finalize address the Namespace object itself.
  if (parts[i] === 'namespaces' && parts.length > i + 1) {
    namespace = parts[i + 1];
    if (parts.length > i + 2 && !NAMESPACE_SUBRESOURCES.has(parts[i + 2]!)) i += 2;
  }
  const resource = parts[i++]!;
  const name = parts[i++];
  const subresource = parts[i++];
  const rest = parts.slice(i);
  let verb = METHOD_VERBS[method] ?? method.toLowerCase();
  if (!name && verb === 'get') verb = query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
  if (!name && verb === 'delete') verb = 'deletecollection';
  return { kind: 'resource', group, version, namespace, resource, name, subresource, rest, verb };
}

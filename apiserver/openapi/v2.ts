// The OpenAPI v2 (Swagger 2.0) document of the whole API, served at `GET /openapi/v2`. kubectl 1.20–1.28
// need it: `create -f` / `apply -f` download it (as gnostic protobuf) before validating, `explain` and
// client-side apply read its models, and their query-param verifier looks for `fieldValidation` on the
// patch operation of the object's kind (cli-runtime query_param_verifier.go). kubectl 1.29+ use /openapi/v3.
//
// `openapiV2Document` is pure: the union of every group-version's v3 document (same schemas, same
// operations), converted by v3-to-v2.ts. `OpenApiV2Cache` is the shell the route uses: it builds the JSON
// and protobuf bodies on first request and drops them when the registry changes (CRDs come and go).
// Serving mirrors kube-openapi's handler: Accept negotiation between `application/json` and the protobuf
// types, `Vary: Accept`, one ETag (the SHA-512 of the JSON) for both formats, 406 when neither is accepted.
import { createHash } from 'node:crypto';
import type { Registry } from '../registry/registry.js';
import { encodeSwaggerProtobuf } from './gnostic-v2.js';
import type { GroupVersionKind } from './schemas.js';
import { openapiV3Document, type DocumentOptions } from './v3.js';
import { v2PathItem, v2Schema, type Schema, type SwaggerDocument } from './v3-to-v2.js';

/** The media type kubectl asks for (`@v1.0`), and the one the server answers with (`.v1.0`). */
export const OPENAPI_V2_PROTOBUF_REQUEST = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

export type OpenApiV2Format = 'json' | 'protobuf';

/** The Swagger 2.0 document of every group-version the registry serves; paths and definitions sorted. */
export function openapiV2Document(registry: Registry, options: DocumentOptions = {}): SwaggerDocument {
  const definitions = new Map<string, Schema>();
  const paths = new Map<string, Schema>();
  for (const { group, version } of registry.groupVersions()) {
    const doc = openapiV3Document(registry, group, version, options);
    if (!doc) continue;
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const seen = definitions.get(name);
      // A type reached from several group-versions has one schema; only the kinds it is served as add up.
      if (seen) mergeGvks(seen, schema['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined);
      else definitions.set(name, v2Schema(schema));
    }
    for (const [path, item] of Object.entries(doc.paths)) paths.set(path, v2PathItem(item as Schema));
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: options.kubernetesVersion ?? 'v1.34.0' },
    paths: sortedRecord(paths),
    definitions: sortedRecord(definitions),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

function mergeGvks(schema: Schema, more: GroupVersionKind[] | undefined): void {
  if (!more?.length) return;
  const list = ((schema['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined) ?? []).slice();
  for (const g of more) if (!list.some((h) => h.group === g.group && h.version === g.version && h.kind === g.kind)) list.push(g);
  const key = (g: GroupVersionKind) => `${g.group}/${g.version}/${g.kind}`;
  list.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  schema['x-kubernetes-group-version-kind'] = list;
}

function sortedRecord(map: Map<string, Schema>): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}

/**
 * The format to serve for an Accept header, as kube-openapi's handler picks it: clauses by preference (q, then
 * specificity), the first that matches JSON or protobuf wins; no header means any. Undefined: 406.
 */
export function negotiateOpenapiV2(accept: string | undefined): OpenApiV2Format | undefined {
  const clauses = (accept?.trim() ? accept : '*/*')
    .split(',')
    .map((raw, index) => {
      const [range = '', ...params] = raw.split(';').map((p) => p.trim());
      const [type = '', subtype = ''] = range.toLowerCase().split('/');
      const q = Number(params.find((p) => /^q=/i.test(p))?.slice(2) ?? '1');
      return { type, subtype, q: Number.isNaN(q) ? 0 : q, index };
    })
    .filter((c) => c.q > 0 && c.type)
    .sort((a, b) => b.q - a.q || specificity(b) - specificity(a) || a.index - b.index);
  for (const { type, subtype } of clauses) {
    if (type !== 'application' && type !== '*') continue;
    if (subtype === 'json' || subtype === '*') return 'json';
    if (subtype === OPENAPI_V2_PROTOBUF_REQUEST.slice('application/'.length) || subtype === OPENAPI_V2_PROTOBUF.slice('application/'.length)) return 'protobuf';
  }
  return undefined;
}

const specificity = (c: { type: string; subtype: string }) => (c.type === '*' ? 0 : c.subtype === '*' ? 1 : 2);

export interface OpenApiV2Body {
  body: string | Buffer;
  contentType: string;
  /** The SHA-512 of the JSON, upper-case hex; the same for both formats (they vary by Accept). */
  etag: string;
}

/** Both bodies, built together on first use and dropped when the registry changes. */
export class OpenApiV2Cache {
  private built: { json: string; protobuf: Buffer; etag: string } | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly registry: Registry,
    private readonly options: DocumentOptions = {},
  ) {
    this.unsubscribe = registry.onChange(() => {
      this.built = undefined;
    });
  }

  /** The body in a format; builds both on first call (synchronous, tens of milliseconds). */
  get(format: OpenApiV2Format): OpenApiV2Body {
    this.built ??= this.build();
    const { json, protobuf, etag } = this.built;
    return format === 'json' ? { body: json, contentType: 'application/json', etag } : { body: protobuf, contentType: OPENAPI_V2_PROTOBUF, etag };
  }

  /** Stops listening to the registry. */
  close(): void {
    this.unsubscribe();
  }

  private build(): { json: string; protobuf: Buffer; etag: string } {
    const doc = openapiV2Document(this.registry, this.options);
    const json = JSON.stringify(doc);
    return { json, protobuf: encodeSwaggerProtobuf(doc), etag: createHash('sha512').update(json).digest('hex').toUpperCase() };
  }
}

// The model catalogue: for a client-node model name, its fields with wire types, required-ness and
// descriptions. Built lazily per model from client-node's generated files (client-node-models.ts) plus the
// fields client-node flattens (special-fields.ts); cached for the life of the process. Pure lookups after the
// first read of a model; callers are the strict decoder, OpenAPI and anything needing field types.
import { modelNames, readModel, type RawField } from './client-node-models.js';
import { EXTRA_MODELS, FIELD_OVERRIDES } from './special-fields.js';
import type { FieldInfo, ModelInfo, TypeRef } from './types.js';

const cache = new Map<string, ModelInfo | null>();

/** The model, or undefined when neither client-node nor our extras define it. */
export function modelInfo(name: string): ModelInfo | undefined {
  const hit = cache.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const info = build(name);
  cache.set(name, info ?? null);
  return info;
}

export function isModel(name: string): boolean {
  return name in EXTRA_MODELS || modelNames().has(name);
}

/** Every known model name (client-node's and our extras), unordered. */
export function allModelNames(): string[] {
  return [...modelNames(), ...Object.keys(EXTRA_MODELS)];
}

const NAME = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/;

/**
 * Splits client-node's name into the Go struct name, API version and the group word client-node keeps when
 * two packages define the same name: `CoreV1Event` → {goName: 'Event', version: 'v1', groupHint: 'core'}.
 */
export function splitModelName(name: string): { goName: string; version: string; groupHint?: string } {
  if (name === 'VersionInfo') return { goName: 'Info', version: '' };
  const m = NAME.exec(name);
  if (!m) return { goName: name, version: '' };
  const out: { goName: string; version: string; groupHint?: string } = { goName: m[3]!, version: m[2]!.toLowerCase() };
  if (m[1]) out.groupHint = m[1].toLowerCase();
  return out;
}

/**
 * The model of a kind in a group-version, as client-node names it: `V1Deployment`; `CoreV1Event` and
 * `AuthenticationV1TokenRequest` where client-node prefixes the group because of a name clash.
 */
export function modelForKind(group: string, version: string, kind: string): string | undefined {
  const v = version.charAt(0).toUpperCase() + version.slice(1);
  const word = group === '' ? 'core' : group.split('.')[0]!;
  const prefixed = word.charAt(0).toUpperCase() + word.slice(1) + v + kind;
  if (isModel(prefixed)) return prefixed;
  const plain = v + kind;
  return isModel(plain) ? plain : undefined;
}

/**
 * The model of a resource in one of its served versions: the entry's own model when its version matches
 * (`V2HorizontalPodAutoscaler` for autoscaling/v2), else the same kind in that version
 * (`V1HorizontalPodAutoscaler` for autoscaling/v1); undefined when client-node has none (custom resources).
 * Request decoding and OpenAPI both pick models with it.
 */
export function modelForVersion(entry: { group: string; kind: string; model: string }, version: string): string | undefined {
  const own = isModel(entry.model) ? entry.model : undefined;
  if (own && splitModelName(own).version === version) return own;
  return modelForKind(entry.group, version, entry.kind) ?? own;
}

function build(name: string): ModelInfo | undefined {
  const extra = EXTRA_MODELS[name];
  const raw = extra ? { name, description: extra.description, fields: [] as RawField[] } : readModel(name);
  if (!raw) return undefined;
  const overrides = FIELD_OVERRIDES[name] ?? {};
  const fields = raw.fields.map((f): FieldInfo => {
    const info: FieldInfo = { name: f.name, type: overrides[f.name] ?? typeRef(f.type, f.format), required: f.required };
    if (f.description) info.description = f.description;
    return info;
  });
  const info: ModelInfo = { name, ...splitModelName(name), fields, byName: new Map(fields.map((f) => [f.name, f])) };
  if (raw.description) info.description = raw.description;
  return info;
}

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/** client-node's type string and format → our TypeRef. */
export function typeRef(type: string, format: string): TypeRef {
  let m = ARRAY.exec(type);
  if (m) return { kind: 'array', items: typeRef(m[1]!, format) };
  m = MAP.exec(type);
  if (m) return { kind: 'map', values: typeRef(m[1]!, format) };
  switch (type) {
    case 'string':
      return format === 'byte' ? { kind: 'string', format: 'byte' } : { kind: 'string' };
    case 'number':
      return format === 'int32' || format === 'int64' ? { kind: 'integer', format } : { kind: 'number', format: 'double' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'Date':
      return { kind: 'time' };
    case 'V1MicroTime':
      return { kind: 'microtime' };
    case 'IntOrString':
      return { kind: 'int-or-string' };
    case 'any':
    case 'object':
      return { kind: 'opaque', def: 'RawExtension' };
    default:
      return { kind: 'model', model: type };
  }
}

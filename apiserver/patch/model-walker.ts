// Walks @kubernetes/client-node 1.4 models to find the type of a nested field: V1Pod.spec is V1PodSpec,
// V1PodSpec.containers is a list of V1Container, V1ObjectMeta.labels a map of strings. The strategic merge
// patch uses it to know which model's patch metadata applies at each level of a document.
// client-node spells types as strings in each model's attributeTypeMap: 'V1PodSpec', 'Array<V1Container>',
// '{ [key: string]: string; }', 'string', 'Date', 'IntOrString', 'any'. Field names are the JSON names.
import { readModel } from '../schema/client-node-models.js';

/** A client-node type string, parsed. */
export type FieldShape =
  | { kind: 'model'; model: string }
  | { kind: 'list'; element: FieldShape }
  | { kind: 'map'; element: FieldShape }
  | { kind: 'scalar'; type: string };

/** The client-node type string of `field` (its JSON name) in `model`, or undefined when unknown. */
export type FieldTypeLookup = (model: string, field: string) => string | undefined;

/** The fields of a model by JSON name and type string, or undefined when there is no such model. */
export type ModelSource = (model: string) => ReadonlyArray<{ readonly name: string; readonly type: string }> | undefined;

/** What a field holds, for callers that only need the next model and the container kind. */
export interface NestedField {
  /** The model of the field, or of its list items / map values; absent for scalars. */
  model?: string;
  list: boolean;
  map: boolean;
}

/** Uppercase names that are not models in client-node. */
const SCALAR_TYPES = new Set(['Date', 'IntOrString', 'any', 'object', 'string', 'number', 'boolean', 'Buffer']);

const LIST = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

export function parseTypeString(type: string): FieldShape {
  const t = type.trim();
  const list = LIST.exec(t);
  if (list) return { kind: 'list', element: parseTypeString(list[1]!) };
  const map = MAP.exec(t);
  if (map) return { kind: 'map', element: parseTypeString(map[1]!) };
  if (!SCALAR_TYPES.has(t) && /^[A-Z][A-Za-z0-9]*$/.test(t)) return { kind: 'model', model: t };
  return { kind: 'scalar', type: t };
}

/** A FieldTypeLookup over any model source, with one index per model built on first use. */
export function createFieldTypeLookup(source: ModelSource): FieldTypeLookup {
  const indexes = new Map<string, Map<string, string> | null>();
  return (model, field) => {
    let index = indexes.get(model);
    if (index === undefined) {
      const fields = source(model);
      index = fields ? new Map(fields.map((f) => [f.name, f.type])) : null;
      indexes.set(model, index);
    }
    return index?.get(field);
  };
}

/** Field types as @kubernetes/client-node declares them (read lazily, one model file at a time). */
export const clientNodeFieldType: FieldTypeLookup = createFieldTypeLookup((model) => readModel(model)?.fields);

/** The model under `model.field` and whether the field is a list or a map: V1PodSpec.containers → V1Container, list. */
export function nestedField(model: string, field: string, lookup: FieldTypeLookup = clientNodeFieldType): NestedField | undefined {
  const type = lookup(model, field);
  if (type === undefined) return undefined;
  const shape = parseTypeString(type);
  const inner = shape.kind === 'list' || shape.kind === 'map' ? shape.element : shape;
  const out: NestedField = { list: shape.kind === 'list', map: shape.kind === 'map' };
  if (inner.kind === 'model') out.model = inner.model;
  return out;
}

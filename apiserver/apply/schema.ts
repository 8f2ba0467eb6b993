// The shapes that structured-merge-diff needs to know about a resource's fields: which values are structs
// (named fields), maps, lists (atomic, sets, or associative lists keyed by some fields) or scalars, and which
// maps and structs are atomic. For built-in kinds they come from the @kubernetes/client-node models and the
// `+listType`/`+listMapKey`/`+mapType` markers (schema/patch-meta.ts); a resource may bring its own
// (a CRD's `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`) through
// `ResourceShapeSource`. Without either, objects are walked as upstream walks a deduced schema: maps are
// granular, lists atomic, everything else a scalar (metadata is always ObjectMeta).
import { clientNodeFieldType, parseTypeString, type FieldShape } from '../patch/model-walker.js';
import { readModel } from '../schema/client-node-models.js';
import { modelForVersion } from '../schema/catalogue.js';
import { patchMeta, structMapType, type PatchMeta } from '../schema/patch-meta.js';

/** What a value at some place in an object is. */
export interface Shape {
  /** `deduced`: whatever the value is (an object is a granular map, an array an atomic list). */
  kind: 'struct' | 'map' | 'list' | 'scalar' | 'deduced';
  /** The whole value is one leaf (atomic list, `x-kubernetes-map-type: atomic`). */
  atomic?: boolean;
  /** Non-atomic lists: a set of scalars, or an associative list keyed by `keys`. */
  listType?: 'set' | 'map';
  keys?: readonly string[];
  /** Values of key fields that items may omit (ContainerPort.protocol defaults to TCP). */
  keyDefaults?: Readonly<Record<string, unknown>>;
  /** Structs: the shape of a declared field; undefined when the struct does not declare it. */
  field?(name: string): Shape | undefined;
  /** Map values, list items, and the undeclared fields of a struct (preserve-unknown-fields). */
  element?(): Shape;
}

/**
 * A resource's own shapes at a version (a CRD's structural schema), or undefined to use the built-in ones.
 * The hook a registry entry may carry as `fieldShape` (see resourceShape).
 */
export type ResourceShapeSource = (version: string) => Shape | undefined;

export const SCALAR: Shape = { kind: 'scalar' };
export const DEDUCED: Shape = { kind: 'deduced' };
const DEDUCED_MAP: Shape = { kind: 'map', element: () => DEDUCED };
const DEDUCED_LIST: Shape = { kind: 'list', atomic: true, element: () => DEDUCED };

/** List-map keys that upstream's OpenAPI gives a default, so items may leave them out. */
const KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  V1ContainerPort: { protocol: 'TCP' },
  V1ServicePort: { protocol: 'TCP' },
};

const modelShapes = new Map<string, Shape>();

/** The shape of a client-node model (a struct), cached. */
export function modelShape(model: string): Shape {
  let shape = modelShapes.get(model);
  if (!shape) {
    const fields = new Map<string, Shape | null>();
    shape = {
      kind: 'struct',
      field(name) {
        let s = fields.get(name);
        if (s === undefined) fields.set(name, (s = fieldShape(model, name) ?? null));
        return s ?? undefined;
      },
    };
    if (structMapType(model) === 'atomic') shape.atomic = true;
    modelShapes.set(model, shape);
  }
  return shape;
}

function fieldShape(model: string, field: string): Shape | undefined {
  const type = clientNodeFieldType(model, field);
  if (type === undefined) return undefined;
  return fromTypeString(parseTypeString(type), patchMeta(model, field));
}

function fromTypeString(type: FieldShape, meta: PatchMeta | undefined): Shape {
  switch (type.kind) {
    case 'model': {
      const s = modelShape(type.model);
      if (meta?.mapType === 'atomic' && !s.atomic) return { ...s, atomic: true };
      if (meta?.mapType === 'granular' && s.atomic) return { ...s, atomic: false };
      return s;
    }
    case 'map': {
      const element = fromTypeString(type.element, undefined);
      return { kind: 'map', atomic: meta?.mapType === 'atomic', element: () => element };
    }
    case 'list': {
      const element = fromTypeString(type.element, undefined);
      const list: Shape = { kind: 'list', element: () => element };
      if (meta?.listType === 'map' && meta.listMapKeys?.length) {
        list.listType = 'map';
        list.keys = meta.listMapKeys;
      } else if (meta?.listType === 'set') list.listType = 'set';
      else if (meta?.listType === 'atomic') list.atomic = true;
      else if (meta?.mergeKey) {
        list.listType = 'map';
        list.keys = [meta.mergeKey];
      } else if (meta?.strategy?.startsWith('merge')) list.listType = 'set';
      else list.atomic = true;
      if (list.listType === 'map' && type.element.kind === 'model') {
        const defaults = KEY_DEFAULTS[type.element.model];
        if (defaults) list.keyDefaults = defaults;
      }
      return list;
    }
    case 'scalar':
      return type.type === 'any' || type.type === 'object' ? DEDUCED : SCALAR;
  }
}

/** The root of an object with no model: ObjectMeta under metadata, everything else deduced. */
const UNKNOWN_ROOT: Shape = {
  kind: 'struct',
  field: (name) => (name === 'metadata' ? modelShape('V1ObjectMeta') : name === 'apiVersion' || name === 'kind' ? SCALAR : undefined),
  element: () => DEDUCED,
};

/** The shape of objects of `model` (unknown models: the deduced root). */
export function rootShape(model: string | undefined): Shape {
  return model && readModel(model) ? modelShape(model) : UNKNOWN_ROOT;
}

/**
 * The shape of a resource's objects at `version`: the resource's own source first (the `fieldShape` hook of
 * its registry entry, or `source`), then its client-node model, else the deduced root.
 */
export function resourceShape(
  entry: { group: string; kind: string; model: string; fieldShape?: ResourceShapeSource },
  version: string,
  source: ResourceShapeSource | undefined = entry.fieldShape,
): Shape {
  return source?.(version) ?? rootShape(modelForVersion(entry, version) ?? entry.model);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A deduced shape made concrete by the value it holds. */
export function resolve(shape: Shape, value: unknown): Shape {
  if (shape.kind !== 'deduced') return shape;
  if (Array.isArray(value)) return DEDUCED_LIST;
  if (isObject(value)) return DEDUCED_MAP;
  return SCALAR;
}

/** The shape of a struct field or map value. */
export function childShape(shape: Shape, name: string): Shape {
  if (shape.kind === 'struct') return shape.field?.(name) ?? shape.element?.() ?? DEDUCED;
  if (shape.kind === 'map' || shape.kind === 'deduced') return shape.element?.() ?? DEDUCED;
  return DEDUCED;
}

/** The shape of list items. */
export function itemShape(shape: Shape): Shape {
  return shape.element?.() ?? DEDUCED;
}

/** A field the struct declares (upstream's "named field"), as opposed to a map key. */
export function isNamedField(shape: Shape, name: string): boolean {
  return shape.kind === 'struct' && shape.field?.(name) !== undefined;
}

/** The shape of what is under a FieldsV1 path element. */
export function shapeUnder(shape: Shape, pe: string): Shape {
  return pe.startsWith('f:') ? childShape(shape, pe.slice(2)) : itemShape(shape);
}

// The schema layer's words: a model (one Go struct of the Kubernetes API, named as @kubernetes/client-node
// names it, e.g. `V1PodSpec`), its fields, and the type of each field as the API's JSON sees it.

/**
 * The type of one field on the wire. Mirrors what kube-apiserver's decoder accepts, not what
 * client-node's TypeScript declares: `quantity` accepts strings and numbers, `int-or-string` both, `time`
 * only RFC 3339 strings, `opaque` any JSON value at all (runtime.RawExtension, apiextensions JSON, FieldsV1).
 */
export type TypeRef =
  | { kind: 'string'; format?: 'byte' }
  | { kind: 'integer'; format: 'int32' | 'int64' }
  | { kind: 'number'; format: 'double' }
  | { kind: 'boolean' }
  /** metav1.Time: RFC 3339 with second precision ("2024-01-01T00:00:00Z"). */
  | { kind: 'time' }
  /** metav1.MicroTime: RFC 3339 with exactly six fractional digits. */
  | { kind: 'microtime' }
  /** intstr.IntOrString. */
  | { kind: 'int-or-string' }
  /** resource.Quantity ("500m", "1Gi", 2). */
  | { kind: 'quantity' }
  /** Any JSON, kept as it came; `def` names the upstream type for OpenAPI. */
  | { kind: 'opaque'; def: OpaqueDef }
  | { kind: 'model'; model: string }
  | { kind: 'array'; items: TypeRef }
  /** `goType` names a named Go map type (`v1.ResourceList`) for decoding messages. */
  | { kind: 'map'; values: TypeRef; goType?: string };

/** Upstream types with a custom JSON form that client-node flattens to `any`. */
export type OpaqueDef = 'RawExtension' | 'JSON' | 'FieldsV1' | 'JSONSchemaPropsOrArray' | 'JSONSchemaPropsOrBool' | 'JSONSchemaPropsOrStringArray';

export interface FieldInfo {
  /** The JSON name (`apiVersion`, `$ref`, `x-kubernetes-list-type`). */
  name: string;
  type: TypeRef;
  required: boolean;
  description?: string;
}

export interface ModelInfo {
  /** client-node's name: `V1PodSpec`, `CoreV1Event`, `V1beta1DeviceClass`. */
  name: string;
  /** The Go struct's name: `PodSpec`, `Event`. */
  goName: string;
  /** The API version segment of its package: `v1`, `v1beta1`, `v2`. */
  version: string;
  /** The group word client-node kept in the name when two packages share a type name (`Core`, `Rbac`), lower-cased. */
  groupHint?: string;
  description?: string;
  /** Fields in client-node's order (alphabetical, as upstream's OpenAPI). */
  fields: FieldInfo[];
  /** The same fields by JSON name. */
  byName: ReadonlyMap<string, FieldInfo>;
}

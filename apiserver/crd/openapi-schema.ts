// A custom resource's OpenAPI schema as upstream publishes it (apiextensions' builder): the version's
// openAPIV3Schema with apiVersion, kind and metadata filled in (metadata referring to ObjectMeta), the
// group-version-kind extension, and the list type beside it. Pure.
import type { JSONSchemaProps } from './json-schema.js';

type Schema = { [key: string]: unknown };

const API_VERSION_DOC =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const METADATA_DOC = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** The definition of the kind: `objectMetaRef` is the components/schemas name of ObjectMeta. */
export function customResourceSchema(schema: JSONSchemaProps | undefined, gvk: Gvk, objectMetaRef: string): Schema {
  const base: Schema = schema ? (structuredClone(schema) as Schema) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties = { ...((base.properties as Record<string, Schema> | undefined) ?? {}) };
  properties.apiVersion = { description: API_VERSION_DOC, type: 'string' };
  properties.kind = { description: KIND_DOC, type: 'string' };
  properties.metadata = { allOf: [{ $ref: `#/components/schemas/${objectMetaRef}` }], description: METADATA_DOC };
  return { ...base, type: 'object', properties, 'x-kubernetes-group-version-kind': [gvk] };
}

export function customResourceListSchema(kindRef: string, gvk: Gvk, listMetaRef: string): Schema {
  return {
    description: `${gvk.kind}List is a list of ${gvk.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      items: {
        description: `List of ${gvk.kind.toLowerCase()}s. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        type: 'array',
        items: { $ref: `#/components/schemas/${kindRef}` },
      },
      kind: { description: KIND_DOC, type: 'string' },
      metadata: { allOf: [{ $ref: `#/components/schemas/${listMetaRef}` }], description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    },
    'x-kubernetes-group-version-kind': [{ ...gvk, kind: `${gvk.kind}List` }],
  };
}

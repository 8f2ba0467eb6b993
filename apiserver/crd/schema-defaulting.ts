// Structural defaulting of a custom resource (apiextensions' defaulting): a property that is absent, or
// null while not nullable, takes its schema's `default`; nulls of non-nullable fields without a default
// are dropped. Defaults are applied top-down, so a defaulted object gets its own properties' defaults too.
// Applied in place on every write and on every read of a stored object, as upstream does.
import { isObject, propertySchema, type JSONSchemaProps } from './json-schema.js';

export function applySchemaDefaults(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) applySchemaDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const present = key in value;
    if ((!present || (value[key] === null && !prop.nullable)) && prop.default !== undefined) {
      value[key] = structuredClone(prop.default);
    } else if (present && value[key] === null && !prop.nullable) {
      delete value[key];
    }
  }
  for (const key of Object.keys(value)) {
    const sub = propertySchema(schema, key);
    if (sub) applySchemaDefaults(value[key], sub);
  }
}

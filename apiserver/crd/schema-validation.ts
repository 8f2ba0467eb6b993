// Validation of a custom resource against its version's openAPIV3Schema, with the field paths and
// messages upstream produces: kube-openapi's validator names a failing value `spec.replicas in body ...`
// and apiextensions-apiserver turns each failure into a field error (Required, NotSupported for enum,
// TooLong for maxLength, TooMany for maxItems/maxProperties, Invalid for the rest). Pure; the caller
// decides the 422.
import type { FieldError } from '../registry/types.js';
import { invalid, notSupported, required, tooLong } from '../validation/field-errors.js';
import { checkFormat } from './formats.js';
import { isObject, jsonTypeOf, propertySchema, type JSONSchemaProps } from './json-schema.js';

/** Field errors of `value` (a whole object) against `schema`. */
export function validateAgainstSchema(value: unknown, schema: JSONSchemaProps): FieldError[] {
  const errors: FieldError[] = [];
  walk(value, schema, '', errors);
  return errors;
}

const inBody = (path: string) => `${path} in body`;

/** upstream's TypeInvalid: reason FieldValueTypeInvalid, printed as an `Invalid value`. */
function typeInvalid(path: string, value: string, expected: string): FieldError {
  const e = invalid(path, value, `${inBody(path)} must be of type ${expected}: ${JSON.stringify(value)}`);
  return { ...e, reason: 'FieldValueTypeInvalid' };
}

function typeMatches(value: unknown, schema: JSONSchemaProps): { ok: boolean; expected: string } {
  if (schema['x-kubernetes-int-or-string']) {
    const t = jsonTypeOf(value);
    return { ok: t === 'integer' || t === 'string', expected: 'integer,string' };
  }
  if (!schema.type) return { ok: true, expected: '' };
  const t = jsonTypeOf(value);
  const ok = t === schema.type || (schema.type === 'number' && t === 'integer');
  return { ok, expected: schema.type };
}

function walk(value: unknown, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (value === null || value === undefined) {
    if ((schema.type || schema['x-kubernetes-int-or-string']) && !schema.nullable) {
      const expected = schema['x-kubernetes-int-or-string'] ? 'integer,string' : schema.type!;
      errors.push(typeInvalid(path, 'null', expected));
    }
    return;
  }
  const type = typeMatches(value, schema);
  if (!type.ok) {
    errors.push(typeInvalid(path, jsonTypeOf(value), type.expected));
    return;
  }
  if (typeof value === 'string') checkString(value, schema, path, errors);
  if (typeof value === 'number') checkNumber(value, schema, path, errors);
  if (schema.enum && !schema.enum.some((e) => sameJson(e, value))) {
    errors.push(notSupported(path, value, schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (Array.isArray(value)) checkArray(value, schema, path, errors);
  else if (isObject(value)) checkObject(value, schema, path, errors);
  for (const sub of schema.allOf ?? []) walk(value, sub, path, errors);
  if (schema.anyOf && !schema.anyOf.some((s) => validateAt(value, s, path).length === 0)) {
    errors.push(invalid(path, value, `${inBody(path)} must validate at least one schema (anyOf)`));
  }
  if (schema.oneOf && schema.oneOf.filter((s) => validateAt(value, s, path).length === 0).length !== 1) {
    errors.push(invalid(path, value, `${inBody(path)} must validate one and only one schema (oneOf)`));
  }
  if (schema.not && validateAt(value, schema.not, path).length === 0) {
    errors.push(invalid(path, value, `${inBody(path)} must not validate the schema (not)`));
  }
}

function validateAt(value: unknown, schema: JSONSchemaProps, path: string): FieldError[] {
  const errors: FieldError[] = [];
  walk(value, schema, path, errors);
  return errors;
}

function checkString(value: string, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(tooLong(path, schema.maxLength));
  if (schema.minLength !== undefined && length < schema.minLength) {
    errors.push(invalid(path, value, `${inBody(path)} should be at least ${schema.minLength} chars long`));
  }
  if (schema.pattern !== undefined && !safeRegExp(schema.pattern)?.test(value)) {
    errors.push(invalid(path, value, `${inBody(path)} should match '${schema.pattern}'`));
  }
  if (schema.format && !schema['x-kubernetes-int-or-string'] && !checkFormat(schema.format, value)) {
    errors.push(typeInvalid(path, value, schema.format));
  }
}

function checkNumber(value: number, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      errors.push(invalid(path, value, `${inBody(path)} should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`));
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      errors.push(invalid(path, value, `${inBody(path)} should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`));
    }
  }
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const q = value / schema.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) errors.push(invalid(path, value, `${inBody(path)} should be a multiple of ${schema.multipleOf}`));
  }
}

function checkArray(value: unknown[], schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (schema.items) value.forEach((item, i) => walk(item, schema.items!, `${path}[${i}]`, errors));
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    errors.push(invalid(path, value.length, `${inBody(path)} should have at least ${schema.minItems} items`));
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(tooMany(path, value.length, schema.maxItems));
  if (schema.uniqueItems || schema['x-kubernetes-list-type'] === 'set') {
    const seen = new Set(value.map((v) => canonical(v)));
    if (seen.size !== value.length) {
      if (schema.uniqueItems) errors.push(invalid(path, '', `${inBody(path)} shouldn't contain duplicates`));
      else {
        const dups = new Set<string>();
        const met = new Set<string>();
        value.forEach((v, i) => {
          const c = canonical(v);
          if (met.has(c) && !dups.has(c)) {
            dups.add(c);
            errors.push({ reason: 'FieldValueDuplicate', field: `${path}[${i}]`, message: `Duplicate value: ${c}` });
          }
          met.add(c);
        });
      }
    }
  }
  if (schema['x-kubernetes-list-type'] === 'map' && schema['x-kubernetes-list-map-keys']) {
    const keys = schema['x-kubernetes-list-map-keys'];
    const met = new Set<string>();
    value.forEach((item, i) => {
      if (!isObject(item)) return;
      const k = canonical(Object.fromEntries(keys.map((key) => [key, item[key] ?? null])));
      if (met.has(k)) errors.push({ reason: 'FieldValueDuplicate', field: `${path}[${i}]`, message: `Duplicate value: ${k}` });
      met.add(k);
    });
  }
}

function checkObject(value: Record<string, unknown>, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  const child = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of schema.required ?? []) {
    if (!(key in value)) errors.push(required(child(key)));
  }
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) errors.push(tooMany(path, count, schema.maxProperties));
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    errors.push(invalid(path, count, `${inBody(path)} should have at least ${schema.minProperties} properties`));
  }
  // The root's apiVersion, kind and metadata are checked by the generic code, not the schema.
  for (const [key, v] of Object.entries(value)) {
    if (path === '' && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    const sub = propertySchema(schema, key);
    if (sub) walk(v, sub, child(key), errors);
  }
}

/** upstream's TooMany, which says `items` for maxProperties too: `Too many: 4: must have at most 3 items`. */
function tooMany(path: string, actual: number, max: number): FieldError {
  return { reason: 'FieldValueTooMany', field: path, message: `Too many: ${actual}: must have at most ${max} items` };
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const patterns = new Map<string, RegExp | null>();

/** The schema's ECMA pattern, compiled once; an invalid pattern matches nothing (CRD validation refuses those). */
function safeRegExp(pattern: string): RegExp | undefined {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re ?? undefined;
}

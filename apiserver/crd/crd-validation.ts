// Validation of CustomResourceDefinitions themselves (apiextensions' ValidateCustomResourceDefinition):
// the name, group, scope, versions, names, printer columns and the structural shape of each version's
// schema, with upstream's paths and messages. Pure.
import type { FieldError, KubeObject } from '../registry/types.js';
import { invalid, notSupported, required, forbidden, IMMUTABLE } from '../validation/field-errors.js';
import { nameProblems } from '../validation/names.js';
import type { Crd, CrdVersion } from './custom-resource.js';
import { isObject, type JSONSchemaProps } from './json-schema.js';

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const SCHEMA_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

export function validateCrd(obj: KubeObject): FieldError[] {
  const crd = obj as unknown as Crd;
  const errors: FieldError[] = [];
  const spec = (isObject(crd.spec) ? crd.spec : {}) as Partial<Crd['spec']>;
  const names = (isObject(spec.names) ? spec.names : {}) as Partial<Crd['spec']['names']>;
  const name = crd.metadata?.name ?? '';
  if (name !== `${names.plural ?? ''}.${spec.group ?? ''}`) errors.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!spec.group) errors.push(required('spec.group'));
  else {
    const problems = nameProblems(spec.group, 'subdomain');
    if (problems.length) errors.push(invalid('spec.group', spec.group, problems.join(',')));
    else if (spec.group.split('.').length < 2) errors.push(invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  }
  if (!spec.scope) errors.push(required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errors.push(notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) errors.push(required('spec.versions', 'must have exactly one version marked as storage version'));
  const seen = new Set<string>();
  let storage = 0;
  versions.forEach((v, i) => {
    const path = `spec.versions[${i}]`;
    if (v.storage) storage++;
    if (seen.has(v.name)) errors.push(invalid(`${path}.name`, v.name, 'must contain unique version names'));
    seen.add(v.name);
    const problems = nameProblems(v.name ?? '', 'dns1035-label');
    if (problems.length) errors.push(invalid(`${path}.name`, v.name ?? '', problems.join(',')));
    errors.push(...validateVersion(v, path));
  });
  if (versions.length > 0 && storage !== 1) errors.push(invalid('spec.versions', versions.map((v) => v.name), 'must have exactly one version marked as storage version'));
  for (const key of ['plural', 'singular', 'kind', 'listKind'] as const) {
    if (!names[key]) errors.push(required(`spec.names.${key}`));
  }
  for (const key of ['plural', 'singular'] as const) {
    const value = names[key];
    const problems = value ? nameProblems(value, 'dns1035-label') : [];
    if (problems.length) errors.push(invalid(`spec.names.${key}`, value, problems.join(',')));
  }
  for (const key of ['kind', 'listKind'] as const) {
    const value = names[key];
    const problems = value ? nameProblems(value.toLowerCase(), 'dns1035-label') : [];
    if (problems.length) errors.push(invalid(`spec.names.${key}`, value, `may have mixed case, but should otherwise match: ${problems.join(',')}`));
  }
  if (names.kind && names.kind === names.listKind) errors.push(invalid('spec.names.listKind', names.listKind, 'kind and listKind may not be the same'));
  (names.shortNames ?? []).forEach((s, i) => {
    const problems = nameProblems(s, 'dns1035-label');
    if (problems.length) errors.push(invalid(`spec.names.shortNames[${i}]`, s, problems.join(',')));
  });
  return errors;
}

export function validateCrdUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errors = validateCrd(obj);
  const spec = (obj as unknown as Crd).spec;
  const oldSpec = (old as unknown as Crd).spec;
  if (spec?.group !== oldSpec?.group) errors.push(invalid('spec.group', spec?.group, IMMUTABLE));
  if (spec?.names?.plural !== oldSpec?.names?.plural) errors.push(invalid('spec.names.plural', spec?.names?.plural, IMMUTABLE));
  const established = ((old as unknown as Crd).status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
  if (established) {
    if (spec?.scope !== oldSpec?.scope) errors.push(invalid('spec.scope', spec?.scope, IMMUTABLE));
    if (spec?.names?.kind !== oldSpec?.names?.kind) errors.push(invalid('spec.names.kind', spec?.names?.kind, IMMUTABLE));
  }
  return errors;
}

function validateVersion(v: CrdVersion, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const schema = v.schema?.openAPIV3Schema;
  const schemaPath = `${path}.schema.openAPIV3Schema`;
  if (!schema) errors.push(required(schemaPath, 'schemas are required'));
  else {
    if (schema.type !== 'object') errors.push(invalid(`${schemaPath}.type`, schema.type ?? '', 'must be object at the root'));
    errors.push(...structural(schema, schemaPath, true));
  }
  (v.additionalPrinterColumns ?? []).forEach((c, i) => {
    const p = `${path}.additionalPrinterColumns[${i}]`;
    if (!c.name) errors.push(required(`${p}.name`));
    if (!c.type) errors.push(required(`${p}.type`, `must be one of ${COLUMN_TYPES.join(',')}`));
    else if (!COLUMN_TYPES.includes(c.type)) errors.push(invalid(`${p}.type`, c.type, `must be one of ${COLUMN_TYPES.join(',')}`));
    if (!c.jsonPath) errors.push(required(`${p}.jsonPath`));
  });
  return errors;
}

/** The structural-schema rules that matter for serving: every specified node has a type, no additionalProperties next to properties. */
function structural(s: JSONSchemaProps, path: string, root = false): FieldError[] {
  const errors: FieldError[] = [];
  const free = s['x-kubernetes-int-or-string'] || s['x-kubernetes-preserve-unknown-fields'];
  if (!s.type && !free && !root) errors.push(required(`${path}.type`, 'must not be empty for specified object fields'));
  if (s.type && !SCHEMA_TYPES.includes(s.type)) errors.push(notSupported(`${path}.type`, s.type, SCHEMA_TYPES));
  if (s.type === 'array' && !s.items) errors.push(required(`${path}.items`, 'must be specified'));
  if (s.uniqueItems === true) errors.push(forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (s.properties && Object.keys(s.properties).length > 0 && s.additionalProperties !== undefined) {
    errors.push(forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  }
  if (s.pattern !== undefined) {
    try {
      new RegExp(s.pattern, 'u');
    } catch {
      errors.push(invalid(`${path}.pattern`, s.pattern, 'must be a valid regular expression'));
    }
  }
  for (const [key, sub] of Object.entries(s.properties ?? {})) errors.push(...structural(sub, `${path}.properties[${key}]`));
  if (isObject(s.additionalProperties)) errors.push(...structural(s.additionalProperties as JSONSchemaProps, `${path}.additionalProperties`));
  if (s.items) errors.push(...structural(s.items, `${path}.items`));
  return errors;
}

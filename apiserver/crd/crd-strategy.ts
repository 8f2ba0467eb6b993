// The registry strategy of CustomResourceDefinitions: upstream's defaults (singular and listKind from the
// kind, conversion None), then validation (crd-validation.ts).
import type { KubeObject, Strategy } from '../registry/types.js';
import { validateCrd, validateCrdUpdate } from './crd-validation.js';
import { isObject } from './json-schema.js';

function defaultCrd(obj: KubeObject): void {
  const spec = obj.spec;
  if (!isObject(spec)) return;
  const names = spec.names;
  if (isObject(names) && typeof names.kind === 'string' && names.kind !== '') {
    names.singular ??= names.kind.toLowerCase();
    names.listKind ??= `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
}

export const crdStrategy: Strategy = {
  prepareForCreate: defaultCrd,
  prepareForUpdate: (obj) => defaultCrd(obj),
  validate: validateCrd,
  validateUpdate: validateCrdUpdate,
};

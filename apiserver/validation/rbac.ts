// rbac.authorization.k8s.io/v1 roles and bindings as upstream's rbac/validation checks them: every rule
// has verbs, resource rules name groups and resources, bindings point at a Role or ClusterRole of this
// group, and subjects are ServiceAccounts, Users or Groups.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asArray, asObj, asString, invalid, notSupported, required, type Obj } from './field-errors.js';
import { nameProblems } from './names.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** validatePolicyRule. */
function validateRule(rule: Obj, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (asArray(rule.verbs).length === 0) errors.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = asArray(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errors.push(invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (asArray(rule.apiGroups).length || asArray(rule.resources).length || asArray(rule.resourceNames).length) {
      errors.push(invalid(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (asArray(rule.apiGroups).length === 0) errors.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (asArray(rule.resources).length === 0) errors.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  if (asArray(rule.resourceNames).length > 0 && asArray(rule.resources).length > 1) {
    errors.push(required(`${path}.resourceNames`, 'resource names cannot apply to multiple resources'));
  }
  return errors;
}

const roleValidator = (namespaced: boolean) => (obj: KubeObject): FieldError[] =>
  asArray(obj.rules).flatMap((r, i) => validateRule(asObj(r) ?? {}, namespaced, `rules[${i}]`));

export const validateRole = roleValidator(true);
export const validateClusterRole = roleValidator(false);

/** validateRoleBindingSubject. */
function validateSubject(s: Obj, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = asString(s.name);
  const apiGroup = asString(s.apiGroup);
  if (!name) errors.push(required(`${path}.name`));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name) for (const m of nameProblems(name, 'subdomain')) errors.push(invalid(`${path}.name`, name, m));
      if (apiGroup) errors.push(notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !asString(s.namespace)) errors.push(required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (!name) errors.push(invalid(`${path}.name`, name, `${s.kind === 'User' ? 'user' : 'group'} name cannot be empty`));
      if (apiGroup !== RBAC_GROUP) errors.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      errors.push(notSupported(`${path}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errors;
}

const bindingValidator = (namespaced: boolean) => (obj: KubeObject, old?: KubeObject): FieldError[] => {
  const ref = asObj(obj.roleRef) ?? {};
  const errors: FieldError[] = [];
  if (ref.apiGroup !== RBAC_GROUP) errors.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(asString(ref.kind))) errors.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  const name = asString(ref.name);
  if (!name) errors.push(required('roleRef.name'));
  else for (const m of nameProblems(name, 'path-segment')) errors.push(invalid('roleRef.name', name, m));
  asArray(obj.subjects).forEach((s, i) => errors.push(...validateSubject(asObj(s) ?? {}, namespaced, `subjects[${i}]`)));
  const oldRef = asObj(old?.roleRef);
  if (oldRef && (['apiGroup', 'kind', 'name'] as const).some((k) => oldRef[k] !== ref[k])) errors.push(invalid('roleRef', ref, 'cannot change roleRef'));
  return errors;
};

export const validateRoleBinding = bindingValidator(true);
export const validateClusterRoleBinding = bindingValidator(false);

// Upstream's OpenAPI names for client-node models: `V1Pod` → `io.k8s.api.core.v1.Pod`, `V1Deployment` →
// `io.k8s.api.apps.v1.Deployment`, `V1ObjectMeta` → `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`.
// client-node's names drop the Go package, so it is recovered by rules that hold for every built-in type of
// Kubernetes 1.34 (checked against upstream's OpenAPI):
//   1. meta/v1 and version.Info are a fixed list;
//   2. a name client-node prefixes with a group word (`CoreV1Event`, `RbacV1Subject`) says its package;
//   3. core/v1 types are those reachable from the core kinds, plus two topology types only storage uses;
//   4. every other type lives in the package of the kind that references it (API groups import only
//      core/v1 and meta/v1), so callers pass the group of the kind they start from.
import { modelInfo } from '../schema/catalogue.js';
import type { TypeRef } from '../schema/types.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

const META_MODELS = new Set([
  'V1APIGroup',
  'V1APIGroupList',
  'V1APIResource',
  'V1APIResourceList',
  'V1APIVersions',
  'V1Condition',
  'V1DeleteOptions',
  'V1FieldSelectorRequirement',
  'V1GroupVersionForDiscovery',
  'V1LabelSelector',
  'V1LabelSelectorRequirement',
  'V1ListMeta',
  'V1ManagedFieldsEntry',
  'V1ObjectMeta',
  'V1OwnerReference',
  'V1Preconditions',
  'V1ServerAddressByClientCIDR',
  'V1Status',
  'V1StatusCause',
  'V1StatusDetails',
  'V1WatchEvent',
]);

/** The kinds of core/v1; every type they reach (outside meta/v1) is core/v1. */
const CORE_KINDS = [
  'V1Binding',
  'V1ComponentStatus',
  'V1ConfigMap',
  'CoreV1Event',
  'V1Endpoints',
  'V1LimitRange',
  'V1Namespace',
  'V1Node',
  'V1PersistentVolume',
  'V1PersistentVolumeClaim',
  'V1Pod',
  'V1PodTemplate',
  'V1ReplicationController',
  'V1ResourceQuota',
  'V1Secret',
  'V1Service',
  'V1ServiceAccount',
  // Defined in core/v1 but referenced only by storage.k8s.io's StorageClass.
  'V1TopologySelectorTerm',
];

/** Names of the types that are not client-node models. */
export const SPECIAL_DEFINITIONS = {
  time: `${META}.Time`,
  microtime: `${META}.MicroTime`,
  'int-or-string': 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  RawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  FieldsV1: `${META}.FieldsV1`,
  Patch: `${META}.Patch`,
  JSON: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
  JSONSchemaPropsOrArray: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray',
  JSONSchemaPropsOrBool: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool',
  JSONSchemaPropsOrStringArray: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray',
} as const;

/**
 * The package prefix (without version) of an API group's types: '' → `io.k8s.api.core`,
 * `rbac.authorization.k8s.io` → `io.k8s.api.rbac`, `apiextensions.k8s.io` →
 * `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions`.
 */
export function groupPackage(group: string): string {
  switch (group) {
    case '':
      return 'io.k8s.api.core';
    case 'apiextensions.k8s.io':
      return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
    case 'apiregistration.k8s.io':
      return 'io.k8s.kube-aggregator.pkg.apis.apiregistration';
    case 'internal.apiserver.k8s.io':
      return 'io.k8s.api.apiserverinternal';
    default:
      return `io.k8s.api.${group.split('.')[0]}`;
  }
}

/** The package prefix of a group word client-node puts in front of clashing names (`Core`, `Rbac`). */
function hintPackage(hint: string): string {
  if (hint === 'apiextensions') return groupPackage('apiextensions.k8s.io');
  if (hint === 'apiregistration') return groupPackage('apiregistration.k8s.io');
  return `io.k8s.api.${hint}`;
}

let coreModels: Set<string> | undefined;

function isCore(model: string): boolean {
  if (!coreModels) {
    coreModels = new Set();
    const queue = [...CORE_KINDS];
    while (queue.length) {
      const m = queue.pop()!;
      if (coreModels.has(m) || META_MODELS.has(m)) continue;
      coreModels.add(m);
      for (const f of modelInfo(m)?.fields ?? []) queue.push(...referencedModels(f.type));
    }
  }
  return coreModels.has(model) || (model.endsWith('List') && coreModels.has(model.slice(0, -4)));
}

/** Models a field type refers to, directly or through arrays and maps. */
export function referencedModels(t: TypeRef): string[] {
  if (t.kind === 'model') return [t.model];
  if (t.kind === 'array') return referencedModels(t.items);
  if (t.kind === 'map') return referencedModels(t.values);
  return [];
}

/**
 * The upstream definition name of a model, given the package prefix of the kind it was reached from
 * (`groupPackage(entry.group)`; for a top-level kind, its own group's).
 */
export function definitionName(model: string, contextPackage: string): string {
  const info = modelInfo(model);
  if (!info) return model;
  if (model === 'VersionInfo') return 'io.k8s.apimachinery.pkg.version.Info';
  if (META_MODELS.has(model)) return `${META}.${info.goName}`;
  if (info.groupHint) return `${hintPackage(info.groupHint)}.${info.version}.${info.goName}`;
  if (isCore(model)) return `io.k8s.api.core.${info.version}.${info.goName}`;
  return `${contextPackage}.${info.version}.${info.goName}`;
}

/** The package prefix a model's own references resolve in (the part of its name before version and type). */
export function packageOf(definition: string): string {
  const parts = definition.split('.');
  return parts.slice(0, -2).join('.');
}

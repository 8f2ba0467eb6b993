// The /openapi/v3 index and documents: shape, what kubectl looks for (a patch operation with
// fieldValidation and the kind's GVK), upstream's schema names and extensions, self-contained $refs, and
// hashes that follow the registry.
import t from 'tap';
import { definitionName, groupPackage } from '../../apiserver/openapi/definition-names.js';
import { groupWord, tag } from '../../apiserver/openapi/paths.js';
import { OpenApiV3Cache, openapiV3Document, openapiV3Index, parseOpenapiV3Path, type OpenApiDocument } from '../../apiserver/openapi/v3.js';
import { Registry } from '../../apiserver/registry/registry.js';
import type { ResourceEntry } from '../../apiserver/registry/types.js';

const configmaps: ResourceEntry = { group: '', versions: ['v1'], kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true, model: 'V1ConfigMap' };
const namespaces: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: [{ name: 'status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] }],
  model: 'V1Namespace',
};
const pods: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  subresources: [
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  model: 'V1Pod',
};
const events: ResourceEntry = { group: '', versions: ['v1'], kind: 'Event', plural: 'events', singular: 'event', namespaced: true, model: 'CoreV1Event' };
const deployments: ResourceEntry = {
  group: 'apps',
  versions: ['v1'],
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  subresources: [
    { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ],
  model: 'V1Deployment',
};
const statefulsets: ResourceEntry = { ...deployments, kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', model: 'V1StatefulSet' };
const leasesReadOnly: ResourceEntry = {
  group: 'coordination.k8s.io',
  versions: ['v1'],
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  verbs: ['get', 'list', 'watch'],
  model: 'V1Lease',
};
const widgets: ResourceEntry = { group: 'stable.example.com', versions: ['v1'], kind: 'Widget', plural: 'widgets', singular: 'widget', namespaced: true, model: '' };

const registry = () => new Registry([configmaps, namespaces, pods, events, deployments, leasesReadOnly, widgets]);
const doc = (r: Registry, group: string, version = 'v1') => openapiV3Document(r, group, version)!;
type Op = { parameters?: Array<{ name: string }>; 'x-kubernetes-action'?: string; 'x-kubernetes-group-version-kind'?: unknown; operationId?: string };
const op = (d: OpenApiDocument, path: string, method: string) => (d.paths[path] as Record<string, Op> | undefined)?.[method];

/** kubectl's query_param_verifier_v3: a patch operation for the GVK that lists fieldValidation. */
function serverValidates(d: OpenApiDocument, gvk: { group: string; version: string; kind: string }): boolean {
  for (const item of Object.values(d.paths) as Array<Record<string, Op>>) {
    const patch = item.patch;
    const g = patch?.['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string } | undefined;
    if (!g || g.group !== gvk.group || g.version !== gvk.version || g.kind !== gvk.kind) continue;
    if (patch!.parameters?.some((p) => p.name === 'fieldValidation')) return true;
  }
  return false;
}

function refs(value: unknown, out = new Set<string>()): Set<string> {
  if (value && typeof value === 'object') {
    const r = (value as { $ref?: unknown }).$ref;
    if (typeof r === 'string') out.add(r);
    for (const v of Object.values(value)) refs(v, out);
  }
  return out;
}

t.test('index: one entry per served group-version, hashed URLs', async (t) => {
  const r = registry();
  const index = openapiV3Index(r, (g, v) => `H-${g || 'core'}-${v}`);
  t.same(Object.keys(index.paths), ['api/v1', 'apis/apps/v1', 'apis/coordination.k8s.io/v1', 'apis/stable.example.com/v1']);
  t.same(index.paths['api/v1'], { serverRelativeURL: '/openapi/v3/api/v1?hash=H-core-v1' });
  t.same(index.paths['apis/apps/v1'], { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=H-apps-v1' });

  const cache = new OpenApiV3Cache(r);
  t.teardown(() => cache.close());
  const real = cache.index();
  for (const [key, { serverRelativeURL }] of Object.entries(real.paths)) {
    const hash = /\?hash=([0-9A-F]{128})$/.exec(serverRelativeURL)?.[1];
    t.ok(hash, `${key} has a SHA-512 hash`);
    t.equal(cache.document(key)!.hash, hash);
    t.same(JSON.parse(cache.document(key)!.json).openapi, '3.0.0');
  }
  t.equal(cache.document('apis/batch/v1'), undefined, 'not served');
  t.equal(cache.document('version'), undefined);
  t.same(parseOpenapiV3Path('api/v1'), { group: '', version: 'v1' });
  t.same(parseOpenapiV3Path('/apis/rbac.authorization.k8s.io/v1'), { group: 'rbac.authorization.k8s.io', version: 'v1' });
  t.equal(parseOpenapiV3Path('apis/apps'), undefined);
});

t.test('operations: what kubectl needs for server-side field validation', async (t) => {
  const core = doc(registry(), '');
  const item = '/api/v1/namespaces/{namespace}/configmaps/{name}';
  const patch = op(core, item, 'patch')!;
  t.equal(patch.operationId, 'patchCoreV1NamespacedConfigMap');
  t.equal(patch['x-kubernetes-action'], 'patch');
  t.same(patch['x-kubernetes-group-version-kind'], { group: '', kind: 'ConfigMap', version: 'v1' }, 'an object on operations');
  t.same(patch.parameters!.map((p) => p.name), ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
  t.same(op(core, item, 'put')!.parameters!.map((p) => p.name), ['dryRun', 'fieldManager', 'fieldValidation']);
  t.same(op(core, '/api/v1/namespaces/{namespace}/configmaps', 'post')!.parameters!.map((p) => p.name), ['dryRun', 'fieldManager', 'fieldValidation']);
  t.ok(serverValidates(core, { group: '', version: 'v1', kind: 'ConfigMap' }));
  t.ok(serverValidates(core, { group: '', version: 'v1', kind: 'Namespace' }), 'kubectl also uses the Namespace patch for CRDs');
  t.ok(serverValidates(doc(registry(), 'apps'), { group: 'apps', version: 'v1', kind: 'Deployment' }));
  t.notOk(serverValidates(doc(registry(), 'coordination.k8s.io'), { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }), 'no patch verb');

  const actions = (path: string) =>
    Object.fromEntries(Object.entries(core.paths[path] as Record<string, Op>).filter(([m]) => m !== 'parameters').map(([m, o]) => [m, [o.operationId, o['x-kubernetes-action']]]));
  t.same(actions('/api/v1/namespaces/{namespace}/configmaps'), {
    get: ['listCoreV1NamespacedConfigMap', 'list'],
    post: ['createCoreV1NamespacedConfigMap', 'post'],
    delete: ['deleteCoreV1CollectionNamespacedConfigMap', 'deletecollection'],
  });
  t.same(actions(item), {
    get: ['readCoreV1NamespacedConfigMap', 'get'],
    put: ['replaceCoreV1NamespacedConfigMap', 'put'],
    patch: ['patchCoreV1NamespacedConfigMap', 'patch'],
    delete: ['deleteCoreV1NamespacedConfigMap', 'delete'],
  });
  t.same(actions('/api/v1/configmaps'), { get: ['listCoreV1ConfigMapForAllNamespaces', 'list'] });
  t.same(actions('/api/v1/namespaces'), { get: ['listCoreV1Namespace', 'list'], post: ['createCoreV1Namespace', 'post'] }, 'no deletecollection verb');
  t.same(actions('/api/v1/namespaces/{name}/status'), {
    get: ['readCoreV1NamespaceStatus', 'get'],
    put: ['replaceCoreV1NamespaceStatus', 'put'],
    patch: ['patchCoreV1NamespaceStatus', 'patch'],
  });
  t.same(actions('/api/v1/namespaces/{namespace}/pods/{name}/eviction'), { post: ['createCoreV1NamespacedPodEviction', 'post'] });
  t.same(actions('/api/v1/namespaces/{namespace}/pods/{name}/exec'), {
    get: ['connectCoreV1GetNamespacedPodExec', 'connect'],
    post: ['connectCoreV1PostNamespacedPodExec', 'connect'],
  });
  t.same(actions('/api/v1/namespaces/{namespace}/pods/{name}/log'), { get: ['readCoreV1NamespacedPodLog', 'get'] });
  t.same(op(core, '/api/v1/namespaces/{namespace}/pods/{name}/eviction', 'post')!['x-kubernetes-group-version-kind'], { group: 'policy', kind: 'Eviction', version: 'v1' });
  t.same((core.paths[item] as { parameters: Array<{ name: string; in: string }> }).parameters.map((p) => `${p.in}:${p.name}`), ['path:name', 'path:namespace', 'query:pretty']);
  t.same((core.paths['/api/v1/namespaces/{name}'] as { parameters: Array<{ name: string }> }).parameters.map((p) => p.name), ['name', 'pretty']);
  t.same(op(core, '/api/v1/namespaces/{namespace}/configmaps', 'get')!.parameters!.map((p) => p.name), [
    'allowWatchBookmarks',
    'continue',
    'fieldSelector',
    'labelSelector',
    'limit',
    'resourceVersion',
    'resourceVersionMatch',
    'sendInitialEvents',
    'timeoutSeconds',
    'watch',
  ]);

  const apps = doc(registry(), 'apps');
  t.same(op(apps, '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', 'patch')!['x-kubernetes-group-version-kind'], {
    group: 'autoscaling',
    kind: 'Scale',
    version: 'v1',
  });
  t.equal(op(apps, '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', 'get')!.operationId, 'readAppsV1NamespacedDeploymentScale');
  t.same(Object.keys(doc(registry(), 'coordination.k8s.io').paths['/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}'] as object), ['get', 'parameters']);
  t.equal(groupWord('rbac.authorization.k8s.io'), 'RbacAuthorization');
  t.equal(groupWord('flowcontrol.apiserver.k8s.io'), 'FlowcontrolApiserver');
  t.equal(tag('rbac.authorization.k8s.io', 'v1'), 'rbacAuthorization_v1');
  t.equal(tag('', 'v1'), 'core_v1');
});

t.test('schemas: upstream names, GVKs, descriptions, required lists, special types', async (t) => {
  const core = doc(registry(), '');
  const s = core.components.schemas as Record<string, Record<string, any>>;
  const cm = s['io.k8s.api.core.v1.ConfigMap']!;
  t.same(cm['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMap', version: 'v1' }], 'an array on schemas');
  t.match(cm.description, /ConfigMap holds configuration data/);
  t.same(cm.properties.data, { type: 'object', additionalProperties: { type: 'string' }, description: cm.properties.data.description });
  t.same(cm.properties.metadata, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  t.same(s['io.k8s.api.core.v1.ConfigMapList']!['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMapList', version: 'v1' }]);
  t.same(s['io.k8s.api.core.v1.ConfigMapList']!.required, ['items']);
  t.same(s['io.k8s.api.core.v1.Container']!.required, ['name']);
  t.same(s['io.k8s.api.core.v1.Event']!['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Event', version: 'v1' }], 'CoreV1Event');

  const meta = s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']!;
  t.same(meta.properties.creationTimestamp.allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' }]);
  t.match(meta.properties.creationTimestamp.description, /CreationTimestamp/);
  t.same(meta.properties.ownerReferences['x-kubernetes-patch-merge-key'], 'uid');
  t.same(s['io.k8s.apimachinery.pkg.apis.meta.v1.Time'], {
    description: s['io.k8s.apimachinery.pkg.apis.meta.v1.Time']!.description,
    type: 'string',
    format: 'date-time',
  });
  t.same(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!.format, 'int-or-string');
  t.same(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!.oneOf, [{ type: 'integer' }, { type: 'string' }]);
  t.same(s['io.k8s.apimachinery.pkg.api.resource.Quantity']!.oneOf, [{ type: 'string' }, { type: 'number' }]);
  t.same(s['io.k8s.api.core.v1.ResourceRequirements']!.properties.limits.additionalProperties, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
  t.same(s['io.k8s.api.core.v1.ObjectReference']!['x-kubernetes-map-type'], 'atomic');

  const containers = s['io.k8s.api.core.v1.PodSpec']!.properties.containers;
  t.same(containers.items, { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' });
  t.equal(containers['x-kubernetes-patch-strategy'], 'merge');
  t.equal(containers['x-kubernetes-patch-merge-key'], 'name');
  t.equal(containers['x-kubernetes-list-type'], 'map');
  t.same(containers['x-kubernetes-list-map-keys'], ['name']);
  t.equal(s['io.k8s.api.core.v1.PodSpec']!.properties.volumes['x-kubernetes-patch-strategy'], 'merge,retainKeys');
  t.ok(s['io.k8s.api.policy.v1.Eviction'], 'a subresource kind of another group');

  const apps = doc(registry(), 'apps').components.schemas as Record<string, Record<string, any>>;
  t.ok(apps['io.k8s.api.apps.v1.Deployment']);
  t.ok(apps['io.k8s.api.apps.v1.DeploymentSpec']);
  t.ok(apps['io.k8s.api.core.v1.PodTemplateSpec'], 'core types keep their package');
  t.same(apps['io.k8s.api.autoscaling.v1.Scale']!['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
  t.ok(apps['io.k8s.api.autoscaling.v1.ScaleSpec']);
  t.same(apps['io.k8s.api.apps.v1.DeploymentSpec']!.properties.strategy['x-kubernetes-patch-strategy'], 'retainKeys');

  const custom = doc(registry(), 'stable.example.com').components.schemas as Record<string, Record<string, any>>;
  t.match(custom['com.example.stable.v1.Widget'], {
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group: 'stable.example.com', version: 'v1', kind: 'Widget' }],
    'x-kubernetes-preserve-unknown-fields': true,
    properties: { metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }] } },
  });

  t.equal(definitionName('V1Pod', groupPackage('')), 'io.k8s.api.core.v1.Pod');
  t.equal(definitionName('V1Deployment', groupPackage('apps')), 'io.k8s.api.apps.v1.Deployment');
  t.equal(definitionName('V1PodTemplateSpec', groupPackage('apps')), 'io.k8s.api.core.v1.PodTemplateSpec');
  t.equal(definitionName('V1ObjectMeta', groupPackage('apps')), 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  t.equal(definitionName('RbacV1Subject', groupPackage('rbac.authorization.k8s.io')), 'io.k8s.api.rbac.v1.Subject');
  t.equal(definitionName('V1TopologySelectorTerm', groupPackage('storage.k8s.io')), 'io.k8s.api.core.v1.TopologySelectorTerm');
  t.equal(definitionName('V1CustomResourceDefinition', groupPackage('apiextensions.k8s.io')), 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
  t.equal(definitionName('V1APIService', groupPackage('apiregistration.k8s.io')), 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService');
  t.equal(definitionName('VersionInfo', groupPackage('')), 'io.k8s.apimachinery.pkg.version.Info');
});

t.test('every $ref resolves within its document', async (t) => {
  const r = new Registry([configmaps, namespaces, pods, events, deployments, statefulsets, leasesReadOnly, widgets]);
  for (const gv of r.groupVersions()) {
    const d = doc(r, gv.group, gv.version);
    const missing = [...refs(d)].filter((ref) => !(ref.replace('#/components/schemas/', '') in d.components.schemas) || !ref.startsWith('#/components/schemas/'));
    t.same(missing, [], `${gv.group || 'core'}/${gv.version}`);
  }
});

t.test('documents are deterministic and hashes follow the registry', async (t) => {
  const a = new Registry([configmaps, namespaces, pods, deployments]);
  const b = new Registry([deployments, pods, namespaces, configmaps]);
  t.equal(JSON.stringify(doc(a, '')), JSON.stringify(doc(b, '')), 'entry order does not matter');

  const cacheA = new OpenApiV3Cache(a);
  const cacheB = new OpenApiV3Cache(b);
  t.teardown(() => {
    cacheA.close();
    cacheB.close();
  });
  const first = cacheA.index();
  t.same(first, cacheB.index(), 'same registry content, same hashes');
  t.same(cacheA.index(), first, 'stable across calls');

  a.add(statefulsets);
  const second = cacheA.index();
  t.not(second.paths['apis/apps/v1']!.serverRelativeURL, first.paths['apis/apps/v1']!.serverRelativeURL, 'apps changed');
  t.equal(second.paths['api/v1']!.serverRelativeURL, first.paths['api/v1']!.serverRelativeURL, 'core did not');
  t.ok(cacheA.document('apis/apps/v1')!.json.includes('"/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}"'));

  a.remove('apps', 'statefulsets');
  t.same(cacheA.index(), first, 'back to the same documents, back to the same hashes');
  a.remove('apps', 'deployments');
  t.same(Object.keys(cacheA.index().paths), ['api/v1'], 'a group-version without resources leaves the index');
  t.equal(cacheA.document('apis/apps/v1'), undefined);
  a.add(deployments);
  t.same(cacheA.index(), first, 'and back again');
});

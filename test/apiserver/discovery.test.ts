// Discovery documents from the built-in registry, in the shapes of kubectl-contract.md §1, and the
// Accept negotiation that picks aggregated (v2, v2beta1) or legacy discovery.
import t from 'tap';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroupList,
  apiResourceList,
  apiVersions,
  negotiateDiscovery,
  storageVersionHash,
} from '../../apiserver/discovery/index.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import type { ResourceEntry } from '../../apiserver/registry/types.js';

const registry = new Registry(builtinResources);
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

t.test('GET /api', async (t) => {
  t.same(apiVersions('10.0.0.1:6443'), {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
  });
});

t.test('GET /apis lists named groups, preferred version first', async (t) => {
  const list = apiGroupList(registry);
  t.equal(list.kind, 'APIGroupList');
  t.equal(list.apiVersion, 'v1');
  t.notOk(list.groups.some((g) => g.name === ''), 'no core group');
  t.same(list.groups[0], { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } });
  const autoscaling = list.groups.find((g) => g.name === 'autoscaling')!;
  t.same(autoscaling.versions.map((v) => v.groupVersion), ['autoscaling/v2', 'autoscaling/v1']);
  t.same(autoscaling.preferredVersion, { groupVersion: 'autoscaling/v2', version: 'v2' });
  t.equal(list.groups.length, 18);
  t.same(list.groups.slice(0, 4).map((g) => g.name), ['apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io'], "upstream's group order");
});

t.test('GET /api/v1', async (t) => {
  const list = apiResourceList(registry, '', 'v1')!;
  t.equal(list.groupVersion, 'v1');
  t.equal(list.kind, 'APIResourceList');
  const names = list.resources.map((r) => r.name);
  t.same(names, [...names].sort(), 'sorted by name, subresources after their resource');
  const byName = (n: string) => list.resources.find((r) => r.name === n);
  t.same(byName('pods'), {
    name: 'pods',
    singularName: 'pod',
    namespaced: true,
    kind: 'Pod',
    verbs: ALL,
    shortNames: ['po'],
    categories: ['all'],
    storageVersionHash: 'xPOwRZ+Yhw8=',
  });
  t.same(byName('pods/log'), { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  t.same(byName('pods/exec'), { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] });
  t.same(byName('pods/eviction'), { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  t.same(Object.keys(byName('pods/eviction')!), ['name', 'singularName', 'namespaced', 'group', 'version', 'kind', 'verbs'], 'upstream key order');
  t.same(byName('pods/status')?.verbs, ['get', 'patch', 'update']);
  t.same(byName('bindings'), { name: 'bindings', singularName: 'binding', namespaced: true, kind: 'Binding', verbs: ['create'] }, 'no storage, no hash');
  t.same(byName('componentstatuses')?.verbs, ['get', 'list']);
  t.same(byName('namespaces')?.verbs, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
  // Hashes upstream publishes for the same kinds.
  t.equal(byName('configmaps')?.storageVersionHash, 'qFsyl6wFWjQ=');
  t.equal(byName('services')?.storageVersionHash, '0/CO1lhkEBI=');
  t.equal(byName('nodes')?.namespaced, false);
});

t.test('GET /apis/<group>/<version>', async (t) => {
  const apps = apiResourceList(registry, 'apps', 'v1')!;
  t.equal(apps.groupVersion, 'apps/v1');
  const deploy = apps.resources.find((r) => r.name === 'deployments')!;
  t.same([deploy.shortNames, deploy.categories, deploy.storageVersionHash], [['deploy'], ['all'], '8aSe+NMegvE=']);
  t.same(apps.resources.find((r) => r.name === 'deployments/scale'), {
    name: 'deployments/scale',
    singularName: '',
    namespaced: true,
    group: 'autoscaling',
    version: 'v1',
    kind: 'Scale',
    verbs: ['get', 'patch', 'update'],
  });
  // One storage for both versions: the hash is of the stored (preferred) version, as upstream.
  const hpaV1 = apiResourceList(registry, 'autoscaling', 'v1')!.resources[0]!;
  t.equal(hpaV1.storageVersionHash, 'qwQve8ut294=');
  // events.k8s.io events are stored as core events and hash as such.
  t.equal(apiResourceList(registry, 'events.k8s.io', 'v1')!.resources[0]!.storageVersionHash, 'r2yiGXH7wu8=');
  t.equal(apiResourceList(registry, 'apps', 'v2'), undefined);
  t.equal(apiResourceList(registry, 'nope.example.com', 'v1'), undefined);
});

t.test('aggregated discovery of the core group', async (t) => {
  const doc = aggregatedDiscovery(registry, 'core', 'v2');
  t.same([doc.kind, doc.apiVersion, doc.metadata], ['APIGroupDiscoveryList', 'apidiscovery.k8s.io/v2', {}]);
  t.equal(doc.items.length, 1);
  const core = doc.items[0]!;
  t.same(core.metadata, { creationTimestamp: null }, 'core group has no name');
  t.same(core.versions.map((v) => [v.version, v.freshness]), [['v1', 'Current']]);
  const pods = core.versions[0]!.resources.find((r) => r.resource === 'pods')!;
  t.same(
    { ...pods, subresources: undefined },
    { resource: 'pods', responseKind: { group: '', version: 'v1', kind: 'Pod' }, scope: 'Namespaced', singularResource: 'pod', verbs: ALL, shortNames: ['po'], categories: ['all'], subresources: undefined },
  );
  const sub = (name: string) => pods.subresources!.find((s) => s.subresource === name);
  t.same(sub('log'), { subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
  t.same(sub('exec'), { subresource: 'exec', responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] });
  t.same(sub('eviction')?.responseKind, { group: 'policy', version: 'v1', kind: 'Eviction' });
  t.same(pods.subresources!.map((s) => s.subresource), [...pods.subresources!.map((s) => s.subresource)].sort());
  t.equal(core.versions[0]!.resources.find((r) => r.resource === 'nodes')?.scope, 'Cluster');
  t.notOk('subresources' in core.versions[0]!.resources.find((r) => r.resource === 'configmaps')!, 'no empty subresources');
  t.same(JSON.parse(JSON.stringify(core.metadata)), { creationTimestamp: null }, 'null survives JSON');
});

t.test('aggregated discovery of the named groups', async (t) => {
  const doc = aggregatedDiscovery(registry, 'apis', 'v2beta1');
  t.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2beta1');
  t.same(doc.items.map((i) => i.metadata.name), apiGroupList(registry).groups.map((g) => g.name), 'same groups and order as /apis');
  const autoscaling = doc.items.find((i) => i.metadata.name === 'autoscaling')!;
  t.same(autoscaling.versions.map((v) => v.version), ['v2', 'v1'], 'versions in preference order');
  t.same(autoscaling.versions[1]!.resources[0]!.responseKind, { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' });
  const deploy = doc.items.find((i) => i.metadata.name === 'apps')!.versions[0]!.resources.find((r) => r.resource === 'deployments')!;
  t.same(deploy.subresources, [
    { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
    { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
  ]);
  const crd = doc.items.find((i) => i.metadata.name === 'apiextensions.k8s.io')!.versions[0]!.resources[0]!;
  t.same([crd.resource, crd.scope, crd.shortNames, crd.categories], ['customresourcedefinitions', 'Cluster', ['crd', 'crds'], ['api-extensions']]);
});

t.test('discovery follows the registry as it changes', async (t) => {
  const r = new Registry(builtinResources);
  const widget: ResourceEntry = { group: 'example.com', versions: ['v1beta1', 'v1alpha1'], kind: 'Widget', plural: 'widgets', singular: 'widget', namespaced: true, model: 'V1ConfigMap' };
  r.add(widget);
  t.same(apiGroupList(r).groups.at(-1), {
    name: 'example.com',
    versions: [
      { groupVersion: 'example.com/v1beta1', version: 'v1beta1' },
      { groupVersion: 'example.com/v1alpha1', version: 'v1alpha1' },
    ],
    preferredVersion: { groupVersion: 'example.com/v1beta1', version: 'v1beta1' },
  });
  t.equal(apiResourceList(r, 'example.com', 'v1alpha1')?.resources[0]?.storageVersionHash, storageVersionHash('example.com', 'v1beta1', 'Widget'));
  r.remove('example.com', 'widgets');
  t.notOk(aggregatedDiscovery(r, 'apis', 'v2').items.some((i) => i.metadata.name === 'example.com'));
});

t.test('Accept negotiation', async (t) => {
  const v2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
  const v2beta1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';
  const legacy = { aggregated: false, contentType: 'application/json' };
  t.equal(aggregatedContentType('v2'), v2);
  const table: Array<[string | undefined, unknown]> = [
    [`${v2},${v2beta1},application/json`, { aggregated: 'v2', contentType: v2 }],
    [`${v2beta1},application/json`, { aggregated: 'v2beta1', contentType: v2beta1 }],
    [`application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.5, ${v2beta1}`, { aggregated: 'v2beta1', contentType: v2beta1 }],
    ['application/json, */*', legacy],
    ['application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json', legacy],
    ['application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json', legacy],
    ['Application/JSON ; g=apidiscovery.k8s.io ; v=v2 ; as=APIGroupDiscoveryList', { aggregated: 'v2', contentType: v2 }],
    ['*/*', legacy],
    [undefined, legacy],
    ['', legacy],
    ['application/yaml', undefined],
    ['application/json;as=Table;v=v1;g=meta.k8s.io', undefined],
    [`${v2};q=0`, undefined],
  ];
  for (const [accept, want] of table) t.same(negotiateDiscovery(accept), want, String(accept));
});

// The built-in registry entries: every one well-formed and as upstream names it, plus spot checks.
import * as clientNode from '@kubernetes/client-node';
import t from 'tap';
import { ageColumn } from '../../apiserver/registry/columns/age.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import { ALL_VERBS, qualifiedResource, storagePrefix, type KubeObject, type ResourceEntry } from '../../apiserver/registry/types.js';

const entries = builtinResources;
const byQualified = (q: string) => entries.find((e) => qualifiedResource(e) === q)!;
const models = clientNode as unknown as Record<string, { getAttributeTypeMap?: () => unknown } | undefined>;

t.test('every model is a client-node model class', async (t) => {
  for (const e of entries) t.type(models[e.model]?.getAttributeTypeMap, 'function', `${qualifiedResource(e)}: ${e.model}`);
});

t.test('no duplicate (group, plural) or (group, kind)', async (t) => {
  const plurals = entries.map((e) => `${e.group}/${e.plural}`);
  const kinds = entries.map((e) => `${e.group}/${e.kind}`);
  t.same(plurals.filter((p, i) => plurals.indexOf(p) !== i), []);
  t.same(kinds.filter((k, i) => kinds.indexOf(k) !== i), []);
});

t.test('a short name means one kind, and never another resource name', async (t) => {
  const kindOf = new Map<string, string>();
  const names = new Set(entries.flatMap((e) => [e.plural, e.singular]));
  for (const e of entries) {
    for (const s of e.shortNames ?? []) {
      t.equal(kindOf.get(s) ?? e.kind, e.kind, `short name ${s}`);
      kindOf.set(s, e.kind);
      t.notOk(names.has(s), `short name ${s} is not a plural or singular`);
    }
  }
});

t.test('names, scope, verbs, categories and subresources are sane', async (t) => {
  const allCategory = new Set(['pods', 'services', 'replicationcontrollers', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs', 'cronjobs', 'horizontalpodautoscalers']);
  for (const e of entries) {
    const q = qualifiedResource(e);
    t.match(e.plural, /^[a-z]+$/, `${q} plural`);
    t.match(e.singular, /^[a-z]+$/, `${q} singular`);
    t.match(e.kind, /^[A-Z][A-Za-z]+$/, `${q} kind`);
    t.ok(e.versions.length > 0, `${q} versions`);
    t.type(e.namespaced, 'boolean', `${q} scope`);
    for (const v of e.verbs ?? ALL_VERBS) t.ok(ALL_VERBS.includes(v), `${q} verb ${v}`);
    for (const c of e.categories ?? []) t.ok(c === 'all' || c === 'api-extensions', `${q} category ${c}`);
    t.equal((e.categories ?? []).includes('all'), allCategory.has(e.plural) && e.group !== 'events.k8s.io', `${q} in category all`);
    const subs = (e.subresources ?? []).map((s) => s.name);
    t.same(subs, [...new Set(subs)], `${q} subresources unique`);
    t.equal(Boolean(e.hasStatus), subs.includes('status'), `${q} hasStatus iff a status subresource`);
    for (const s of e.subresources ?? []) t.ok(s.verbs.length > 0 && s.verbs.every((v) => ALL_VERBS.includes(v as never)), `${q}/${s.name} verbs`);
    t.match(storagePrefix(e), /^\/registry\/[a-z0-9./]+$/, `${q} storage prefix`);
  }
});

t.test('storage prefixes are unique except the two views of events', async (t) => {
  const owners = new Map<string, string[]>();
  for (const e of entries) owners.set(storagePrefix(e), [...(owners.get(storagePrefix(e)) ?? []), qualifiedResource(e)]);
  for (const [prefix, qs] of owners) {
    if (prefix === '/registry/events') t.same(qs, ['events', 'events.events.k8s.io']);
    else t.equal(qs.length, 1, `${prefix}: ${qs.join(', ')}`);
  }
});

t.test('every column and field selector copes with a bare object', async (t) => {
  const now = new Date('2024-01-01T00:00:00Z');
  const bare: KubeObject = { metadata: { name: 'x', namespace: 'default' } };
  for (const e of entries) {
    const names = (e.columns ?? []).map((c) => c.name);
    t.same(names, [...new Set(names)], `${qualifiedResource(e)} column names unique`);
    for (const c of e.columns ?? []) {
      t.not(c.name, 'Name', `${qualifiedResource(e)}: NAME is the table code's`);
      if (c.name === 'Age') t.equal(c, ageColumn, `${qualifiedResource(e)}: an own AGE is the shared one`);
      t.ok(c.priority === undefined || c.priority === 0 || c.priority === 1, `${c.name} priority`);
      t.doesNotThrow(() => c.cell(bare, now), `${qualifiedResource(e)} ${c.name}`);
    }
    for (const [field, get] of Object.entries(e.fieldSelectors ?? {})) {
      const v = get(bare);
      t.ok(v === undefined || typeof v === 'string', `${qualifiedResource(e)} ${field}`);
    }
  }
});

t.test('spot checks against upstream', async (t) => {
  const pods = byQualified('pods');
  t.same(pods.shortNames, ['po']);
  t.same(pods.categories, ['all']);
  t.same(pods.subresources?.find((s) => s.name === 'eviction'), { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
  t.same(pods.subresources?.find((s) => s.name === 'exec')?.kind, 'PodExecOptions');
  t.same(byQualified('deployments.apps').subresources?.find((s) => s.name === 'scale'), {
    name: 'scale',
    kind: 'Scale',
    group: 'autoscaling',
    version: 'v1',
    verbs: ['get', 'patch', 'update'],
  });
  t.same(byQualified('serviceaccounts').subresources?.[0], { name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] });
  t.same(byQualified('bindings').verbs, ['create']);
  t.same(byQualified('componentstatuses').verbs, ['get', 'list']);
  t.notOk(byQualified('namespaces').verbs?.includes('deletecollection'));
  t.same(byQualified('horizontalpodautoscalers.autoscaling').versions, ['v2', 'v1']);
  t.same(byQualified('customresourcedefinitions.apiextensions.k8s.io').shortNames, ['crd', 'crds']);
  t.same(byQualified('certificatesigningrequests.certificates.k8s.io').subresources?.map((s) => s.name), ['approval', 'status']);
  const prefixes: Array<[string, string]> = [
    ['services', '/registry/services/specs'],
    ['endpoints', '/registry/services/endpoints'],
    ['nodes', '/registry/minions'],
    ['replicationcontrollers', '/registry/controllers'],
    ['deployments.apps', '/registry/deployments'],
    ['ingresses.networking.k8s.io', '/registry/ingress'],
    ['customresourcedefinitions.apiextensions.k8s.io', '/registry/apiextensions.k8s.io/customresourcedefinitions'],
    ['events.events.k8s.io', '/registry/events'],
    ['leases.coordination.k8s.io', '/registry/leases'],
  ];
  for (const [q, prefix] of prefixes) t.equal(storagePrefix(byQualified(q)), prefix, q);
  const wide = (e: ResourceEntry) => (e.columns ?? []).filter((c) => c.priority === 1).map((c) => c.name);
  t.same(wide(pods), ['IP', 'Node', 'Nominated Node', 'Readiness Gates']);
  t.same(wide(byQualified('deployments.apps')), ['Containers', 'Images', 'Selector']);
  const shown = (q: string) => byQualified(q).columns?.filter((c) => !c.priority).map((c) => c.name);
  t.same(shown('events'), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
  // Where upstream prints default columns after AGE, the entry places AGE itself.
  t.same(shown('nodes'), ['Status', 'Roles', 'Age', 'Version']);
  t.same(shown('certificatesigningrequests.certificates.k8s.io'), ['Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  t.same(shown('priorityclasses.scheduling.k8s.io'), ['Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
});

t.test('the Registry serves the built-ins', async (t) => {
  const r = new Registry(entries);
  t.equal(r.lookup('apps', 'v1', 'deployments')?.kind, 'Deployment');
  t.equal(r.lookup('autoscaling', 'v1', 'horizontalpodautoscalers')?.model, 'V2HorizontalPodAutoscaler');
  t.equal(r.byKind('', 'Pod')?.plural, 'pods');
  t.equal(r.inGroupVersion('', 'v1').length, 17);
});

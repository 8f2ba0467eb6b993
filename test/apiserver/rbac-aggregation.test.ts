// Aggregated ClusterRoles: selection by labels, name order, de-duplication, chains and bad selectors,
// as the clusterrole-aggregation controller settles them.
import t from 'tap';
import { aggregateClusterRoles, aggregatedRules } from '../../apiserver/auth/rbac/aggregation.js';
import type { ClusterRole, PolicyRule } from '../../apiserver/auth/types.js';

const rule = (verb: string, resource: string): PolicyRule => ({ verbs: [verb], apiGroups: [''], resources: [resource] });
const cr = (name: string, labels: Record<string, string>, rules: PolicyRule[], selectors?: ClusterRole['aggregationRule']): ClusterRole => ({
  metadata: { name, labels },
  rules,
  ...(selectors ? { aggregationRule: selectors } : {}),
});

t.test('aggregatedRules', async (t) => {
  const all = [
    cr('b-pods', { agg: 'x' }, [rule('get', 'pods'), rule('list', 'pods')]),
    cr('a-secrets', { agg: 'x' }, [rule('get', 'secrets'), rule('get', 'pods')]),
    cr('c-other', { agg: 'y', tier: 'gold' }, [rule('get', 'nodes')]),
    cr('d-dup', { agg: 'x' }, [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }]),
  ];
  const agg = cr('agg', { agg: 'x' }, [rule('delete', 'everything')], { clusterRoleSelectors: [{ matchLabels: { agg: 'x' } }] });
  t.same(aggregatedRules(agg, [...all, agg]), [rule('get', 'secrets'), rule('get', 'pods'), rule('list', 'pods')], 'by name, itself skipped, duplicates (nil = empty) dropped');
  const two = cr('agg', {}, [], { clusterRoleSelectors: [{ matchLabels: { agg: 'y' } }, { matchExpressions: [{ key: 'agg', operator: 'In', values: ['x'] }] }] });
  t.same(aggregatedRules(two, all), [rule('get', 'nodes'), rule('get', 'secrets'), rule('get', 'pods'), rule('list', 'pods')], 'selectors in order');
  t.same(aggregatedRules(cr('none', {}, [], { clusterRoleSelectors: [] }), all), [], 'no selectors: no rules');
  t.equal(aggregatedRules(cr('plain', {}, [rule('get', 'x')]), all), undefined, 'no aggregationRule: untouched');
  t.equal(aggregatedRules(cr('bad', {}, [], { clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Like' }] }] }), all), undefined, 'invalid selector: untouched');
  const order = cr('o', {}, [], { clusterRoleSelectors: [{ matchLabels: { k: 'v' } }] });
  const both = aggregatedRules(order, [cr('r', { k: 'v' }, [{ verbs: ['list', 'get'], apiGroups: [''], resources: ['pods'] }, { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }])]);
  t.equal(both?.length, 2, 'list order matters for equality');
});

t.test('aggregateClusterRoles settles chains', async (t) => {
  const input = [
    cr('view', { 'to-edit': 'true' }, [], { clusterRoleSelectors: [{ matchLabels: { 'to-view': 'true' } }] }),
    cr('admin', {}, [], { clusterRoleSelectors: [{ matchLabels: { 'to-admin': 'true' } }] }),
    cr('edit', { 'to-admin': 'true' }, [], { clusterRoleSelectors: [{ matchLabels: { 'to-edit': 'true' } }] }),
    cr('x-view-rules', { 'to-view': 'true' }, [rule('get', 'pods')]),
    cr('x-edit-rules', { 'to-edit': 'true' }, [rule('update', 'pods')]),
    cr('x-admin-rules', { 'to-admin': 'true' }, [rule('update', 'roles')]),
  ];
  const out = aggregateClusterRoles(input);
  const rules = (name: string) => out.find((r) => r.metadata.name === name)!.rules;
  t.same(rules('view'), [rule('get', 'pods')]);
  t.same(rules('edit'), [rule('get', 'pods'), rule('update', 'pods')], 'edit: view (v < x), then x-edit-rules');
  t.same(rules('admin'), [rule('get', 'pods'), rule('update', 'pods'), rule('update', 'roles')]);
  t.same(out.map((r) => r.metadata.name), input.map((r) => r.metadata.name), 'order kept');
  t.same(input[0]!.rules, [], 'input not mutated');
  t.equal(out[3], input[3], 'non-aggregating roles are the same objects');
  t.same(aggregateClusterRoles(out).map((r) => r.rules), out.map((r) => r.rules), 'settled: a second run changes nothing');

  const cycle = aggregateClusterRoles([
    cr('a', { a: '1' }, [rule('get', 'a')], { clusterRoleSelectors: [{ matchLabels: { b: '1' } }] }),
    cr('b', { b: '1' }, [rule('get', 'b')], { clusterRoleSelectors: [{ matchLabels: { a: '1' } }] }),
  ]);
  t.same(cycle.map((r) => r.rules), [[rule('get', 'b')], [rule('get', 'b')]], 'a cycle ends (first sync wins, as sequential syncs)');
});

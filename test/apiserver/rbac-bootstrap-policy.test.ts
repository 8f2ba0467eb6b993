// The bootstrap policy as a user meets it: after aggregation, what view, edit, admin and cluster-admin
// allow when bound in a namespace by a RoleBinding (kubernetes.io "Using RBAC Authorization",
// User-facing roles), and what the default bindings give system users and groups.
import t from 'tap';
import { aggregateClusterRoles } from '../../apiserver/auth/rbac/aggregation.js';
import { authorize } from '../../apiserver/auth/rbac/authorize.js';
import { snapshotOf } from '../../apiserver/auth/rbac/snapshot.js';
import { bootstrapPolicy } from '../../apiserver/auth/bootstrap-policy/index.js';
import type { RbacSnapshot, RequestAttributes, RoleBinding, UserInfo } from '../../apiserver/auth/types.js';

const policy = bootstrapPolicy();
const clusterRoles = aggregateClusterRoles(policy.clusterRoles);
const GROUP = 'rbac.authorization.k8s.io';
const NS = 'team';

function snapshotWith(roleBindings: RoleBinding[]): RbacSnapshot {
  return snapshotOf({
    clusterRoles,
    clusterRoleBindings: policy.clusterRoleBindings,
    roles: Object.values(policy.roles).flat(),
    roleBindings: [...Object.values(policy.roleBindings).flat(), ...roleBindings],
  });
}

const user = (name: string): UserInfo => ({ name, groups: ['system:authenticated'] });
const userBindings = ['view', 'edit', 'admin', 'cluster-admin'].map(
  (role): RoleBinding => ({
    metadata: { name: `${role}-binding`, namespace: NS },
    roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'User', name: `${role}-user`, apiGroup: GROUP }],
  }),
);
const snapshot = snapshotWith(userBindings);

// [resource, apiGroup, subresource?]; the verbs each role may use on it in its namespace.
// `verbs`: only these verbs make sense for the target (a request on the namespace object itself).
type Target = { resource: string; group: string; sub?: string; name?: string; verbs?: string[] };
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
const READ = 'get list watch';
const ALL = VERBS.join(' ');
const MATRIX: Array<[Target, { view: string; edit: string; admin: string; 'cluster-admin': string }]> = [
  [{ resource: 'pods', group: '' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'pods', group: '', sub: 'log' }, { view: READ, edit: READ, admin: READ, 'cluster-admin': ALL }],
  [{ resource: 'pods', group: '', sub: 'exec' }, { view: '', edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'pods', group: '', sub: 'status' }, { view: READ, edit: READ, admin: READ, 'cluster-admin': ALL }],
  [{ resource: 'secrets', group: '' }, { view: '', edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'configmaps', group: '' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'services', group: '' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'deployments', group: 'apps' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'deployments', group: 'apps', sub: 'scale' }, { view: READ, edit: 'get list watch create update patch delete', admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'statefulsets', group: 'apps' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'jobs', group: 'batch' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'ingresses', group: 'networking.k8s.io' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'leases', group: 'coordination.k8s.io' }, { view: '', edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'roles', group: GROUP }, { view: '', edit: '', admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'rolebindings', group: GROUP }, { view: '', edit: '', admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'resourcequotas', group: '' }, { view: READ, edit: READ, admin: READ, 'cluster-admin': ALL }],
  [{ resource: 'limitranges', group: '' }, { view: READ, edit: READ, admin: READ, 'cluster-admin': ALL }],
  [{ resource: 'namespaces', group: '', name: NS, verbs: ['get', 'update', 'patch', 'delete'] }, { view: 'get', edit: 'get', admin: 'get', 'cluster-admin': ALL }],
  [{ resource: 'events', group: '' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'events', group: 'events.k8s.io' }, { view: '', edit: '', admin: '', 'cluster-admin': ALL }],
  [{ resource: 'serviceaccounts', group: '' }, { view: READ, edit: ALL, admin: ALL, 'cluster-admin': ALL }],
  [{ resource: 'serviceaccounts', group: '', sub: 'token' }, { view: '', edit: 'create', admin: 'create', 'cluster-admin': ALL }],
  [{ resource: 'endpointslices', group: 'discovery.k8s.io' }, { view: READ, edit: READ, admin: READ, 'cluster-admin': ALL }],
  [{ resource: 'localsubjectaccessreviews', group: 'authorization.k8s.io' }, { view: '', edit: '', admin: 'create', 'cluster-admin': ALL }],
];

t.test('user-facing roles bound in a namespace', async (t) => {
  for (const [target, expected] of MATRIX) {
    for (const role of ['view', 'edit', 'admin', 'cluster-admin'] as const) {
      const allowed = new Set(expected[role].split(' ').filter(Boolean));
      for (const verb of target.verbs ?? VERBS) {
        const attrs: RequestAttributes = { user: user(`${role}-user`), verb, resourceRequest: true, apiGroup: target.group, resource: target.resource, namespace: NS };
        if (target.sub) attrs.subresource = target.sub;
        if (target.name) attrs.name = target.name;
        const what = `${role} ${verb} ${target.group ? `${target.group}/` : ''}${target.resource}${target.sub ? `/${target.sub}` : ''}`;
        t.equal(authorize(attrs, snapshot).allowed, allowed.has(verb), what);
      }
    }
  }
});

t.test('a namespaced binding gives nothing elsewhere', async (t) => {
  for (const role of ['view', 'edit', 'admin', 'cluster-admin']) {
    const elsewhere = { user: user(`${role}-user`), verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods' };
    t.equal(authorize({ ...elsewhere, namespace: 'other' }, snapshot).allowed, false, `${role} in another namespace`);
    t.equal(authorize(elsewhere, snapshot).allowed, false, `${role} cluster-wide`);
    t.equal(authorize({ ...elsewhere, resource: 'nodes' }, snapshot).allowed, false, `${role} nodes`);
  }
  t.equal(authorize({ user: user('admin-user'), verb: 'delete', resourceRequest: true, apiGroup: '', resource: 'namespaces', name: 'other', namespace: 'other' }, snapshot).allowed, false);
});

t.test('default cluster role bindings', async (t) => {
  const anon: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
  const jane = user('jane');
  const url = (u: UserInfo, verb: string, path: string): RequestAttributes => ({ user: u, verb, resourceRequest: false, path });
  const res = (u: UserInfo, verb: string, group: string, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({ user: u, verb, resourceRequest: true, apiGroup: group, resource, ...extra });
  const sa = (ns: string, name: string): UserInfo => ({ name: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] });
  const cases: Array<[string, RequestAttributes, boolean]> = [
    ['anonymous /healthz', url(anon, 'get', '/healthz'), true],
    ['anonymous /version', url(anon, 'get', '/version'), true],
    ['anonymous /api (discovery needs authentication)', url(anon, 'get', '/api'), false],
    ['authenticated /apis/apps/v1', url(jane, 'get', '/apis/apps/v1'), true],
    ['authenticated /openapi/v3', url(jane, 'get', '/openapi/v3'), true],
    ['authenticated /metrics', url(jane, 'get', '/metrics'), false],
    ['system:monitoring /metrics', url({ name: 'prom', groups: ['system:monitoring'] }, 'get', '/metrics'), true],
    ['authenticated selfsubjectaccessreviews', res(jane, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), true],
    ['authenticated selfsubjectrulesreviews', res(jane, 'create', 'authorization.k8s.io', 'selfsubjectrulesreviews'), true],
    ['anonymous selfsubjectaccessreviews', res(anon, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), false],
    ['system:masters anything', res({ name: 'admin', groups: ['system:masters'] }, 'delete', '', 'nodes', { name: 'n1' }), true],
    ['system:masters any URL', url({ name: 'admin', groups: ['system:masters'] }, 'post', '/anything'), true],
    ['scheduler binds pods', res(user('system:kube-scheduler'), 'create', '', 'pods', { subresource: 'binding', namespace: 'a', name: 'p' }), true],
    ['scheduler takes its lease', res(user('system:kube-scheduler'), 'update', 'coordination.k8s.io', 'leases', { namespace: 'kube-system', name: 'kube-scheduler' }), true],
    ['scheduler not another lease', res(user('system:kube-scheduler'), 'update', 'coordination.k8s.io', 'leases', { namespace: 'default', name: 'kube-controller-manager' }), false],
    ['scheduler leader-locking role in kube-system', res(user('system:kube-scheduler'), 'list', 'coordination.k8s.io', 'leases', { namespace: 'kube-system' }), true],
    ['kube-proxy lists endpointslices', res(user('system:kube-proxy'), 'list', 'discovery.k8s.io', 'endpointslices'), true],
    ['kube-proxy cannot read secrets', res(user('system:kube-proxy'), 'get', '', 'secrets', { namespace: 'a', name: 's' }), false],
    ['controller-manager lists everything', res(user('system:kube-controller-manager'), 'list', 'apps', 'deployments'), true],
    ['deployment-controller creates replicasets', res(sa('kube-system', 'deployment-controller'), 'create', 'apps', 'replicasets', { namespace: 'a' }), true],
    ['deployment-controller cannot create pods', res(sa('kube-system', 'deployment-controller'), 'create', '', 'pods', { namespace: 'a' }), false],
    ['replicaset-controller creates pods', res(sa('kube-system', 'replicaset-controller'), 'create', '', 'pods', { namespace: 'a' }), true],
    ['same SA name in another namespace is not the controller', res(sa('default', 'replicaset-controller'), 'create', '', 'pods', { namespace: 'a' }), false],
    ['HPA scales anything', res(sa('kube-system', 'horizontal-pod-autoscaler'), 'update', 'apps', 'deployments', { subresource: 'scale', namespace: 'a', name: 'd' }), true],
    ['aggregation controller escalates clusterroles', res(sa('kube-system', 'clusterrole-aggregation-controller'), 'escalate', GROUP, 'clusterroles', { name: 'admin' }), true],
    ['kube-dns watches services', res(sa('kube-system', 'kube-dns'), 'watch', '', 'services'), true],
    ['service accounts read OIDC discovery', url(sa('a', 'default'), 'get', '/.well-known/openid-configuration'), true],
    ['users do not get OIDC discovery', url(jane, 'get', '/openid/v1/jwks'), false],
    ['system:nodes get nothing from RBAC', res({ name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] }, 'get', '', 'nodes', { name: 'n1' }), false],
    ['bootstrap-signer updates cluster-info', res(sa('kube-system', 'bootstrap-signer'), 'update', '', 'configmaps', { namespace: 'kube-public', name: 'cluster-info' }), true],
    ['bootstrap-signer not other configmaps', res(sa('kube-system', 'bootstrap-signer'), 'update', '', 'configmaps', { namespace: 'kube-public', name: 'other' }), false],
    ['extension-apiserver-authentication reader', res(user('system:kube-controller-manager'), 'get', '', 'configmaps', { namespace: 'kube-system', name: 'extension-apiserver-authentication' }), true],
  ];
  for (const [name, attrs, allowed] of cases) t.equal(authorize(attrs, snapshot).allowed, allowed, name);
  t.equal(
    authorize(res({ name: 'admin', groups: ['system:masters'] }, 'get', '', 'pods'), snapshot).reason,
    'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
  );
});

t.test('object shapes', async (t) => {
  const names = new Set<string>();
  const all = [...policy.clusterRoles, ...policy.clusterRoleBindings, ...Object.values(policy.roles).flat(), ...Object.values(policy.roleBindings).flat()];
  for (const o of all) {
    t.equal(o.apiVersion, 'rbac.authorization.k8s.io/v1');
    t.equal(o.metadata.labels?.['kubernetes.io/bootstrapping'], 'rbac-defaults', `${o.kind} ${o.metadata.name} label`);
    t.equal(o.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'], 'true', `${o.kind} ${o.metadata.name} annotation`);
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    t.notOk(names.has(key), `${key} unique`);
    names.add(key);
  }
  const byName = new Map(policy.clusterRoles.map((r) => [r.metadata.name, r]));
  for (const b of [...policy.clusterRoleBindings, ...Object.values(policy.roleBindings).flat()]) {
    const found = b.roleRef.kind === 'ClusterRole' ? byName.has(b.roleRef.name) : (policy.roles[b.metadata.namespace!] ?? []).some((r) => r.metadata.name === b.roleRef.name);
    t.ok(found, `${b.metadata.name} references an existing ${b.roleRef.kind}`);
  }
  for (const name of ['admin', 'edit', 'view']) {
    t.same(byName.get(name)!.rules, [], `${name} has no rules before aggregation`);
    t.same(byName.get(name)!.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${name}`]: 'true' } }] });
  }
  t.same(byName.get('edit')!.metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' });
  t.same(byName.get('view')!.metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
  const node = policy.clusterRoleBindings.find((b) => b.metadata.name === 'system:node')!;
  t.equal(node.subjects, undefined, 'system:node is bound to nobody');
  const admin = clusterRoles.find((r) => r.metadata.name === 'admin')!;
  const keys = admin.rules!.map((r) => JSON.stringify(r));
  t.equal(new Set(keys).size, keys.length, 'aggregated admin has no duplicate rules');
  t.ok(bootstrapPolicy().clusterRoles[0] !== policy.clusterRoles[0], 'fresh objects every call');
});

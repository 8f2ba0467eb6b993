// RBAC rule matching, subject matching, authorize() and rulesFor(): tables mirroring upstream's
// evaluation_helpers.go, rule.go and rbac.go behaviour.
import t from 'tap';
import { authorize, rulesFor } from '../../apiserver/auth/rbac/authorize.js';
import { appliesToUser, ruleAllows } from '../../apiserver/auth/rbac/rule-matches.js';
import { snapshotOf } from '../../apiserver/auth/rbac/snapshot.js';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RequestAttributes, Role, RoleBinding, Subject, UserInfo } from '../../apiserver/auth/types.js';

const jane: UserInfo = { name: 'jane', groups: ['dev', 'system:authenticated'] };

function res(verb: string, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes {
  return { user: jane, verb, resourceRequest: true, apiGroup: '', resource, ...extra };
}

function url(verb: string, path: string): RequestAttributes {
  return { user: jane, verb, resourceRequest: false, path };
}

t.test('ruleAllows', async (t) => {
  const cases: Array<[string, PolicyRule, RequestAttributes, boolean]> = [
    ['exact verb/group/resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', 'pods'), true],
    ['other verb', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('list', 'pods'), false],
    ['verb *', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, res('deletecollection', 'pods'), true],
    ['other group', { verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, res('get', 'pods'), false],
    ['group *', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, res('get', 'deployments', { apiGroup: 'apps' }), true],
    ['no apiGroups matches nothing', { verbs: ['get'], resources: ['pods'] }, res('get', 'pods'), false],
    ['resource * covers subresources', { verbs: ['get'], apiGroups: [''], resources: ['*'] }, res('get', 'pods', { subresource: 'log' }), true],
    ['resource does not cover its subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', 'pods', { subresource: 'log' }), false],
    ['resource/subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', 'pods', { subresource: 'log' }), true],
    ['resource/subresource not the resource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', 'pods'), false],
    ['*/subresource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'deployments', { apiGroup: 'apps', subresource: 'scale' }), true],
    ['*/subresource other subresource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'deployments', { apiGroup: 'apps', subresource: 'status' }), false],
    ['*/subresource without subresource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'deployments', { apiGroup: 'apps' }), false],
    ['pods/* is literal', { verbs: ['get'], apiGroups: [''], resources: ['pods/*'] }, res('get', 'pods', { subresource: 'log' }), false],
    ['resourceNames: named get', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', 'configmaps', { name: 'a' }), true],
    ['resourceNames: other name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', 'configmaps', { name: 'b' }), false],
    ['resourceNames: list has no name', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('list', 'configmaps'), false],
    ['resourceNames: create has no name', { verbs: ['create'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('create', 'configmaps'), false],
    ['resourceNames: deletecollection', { verbs: ['deletecollection'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('deletecollection', 'configmaps'), false],
    ['no resourceNames: list', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'] }, res('list', 'configmaps'), true],
    ['resource rule never matches a URL', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, url('get', '/healthz'), false],
    ['URL exact', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz'), true],
    ['URL exact is not a prefix', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz/etcd'), false],
    ['URL prefix *', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('get', '/healthz/etcd'), true],
    ['URL prefix * needs the slash', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('get', '/healthz'), false],
    ['URL prefix without slash', { verbs: ['get'], nonResourceURLs: ['/api*'] }, url('get', '/apis/apps'), true],
    ['URL *', { verbs: ['get'], nonResourceURLs: ['*'] }, url('get', '/anything'), true],
    ['URL verb', { verbs: ['get'], nonResourceURLs: ['*'] }, url('post', '/anything'), false],
    ['URL rule never matches a resource', { verbs: ['*'], nonResourceURLs: ['*'] }, res('get', 'pods'), false],
  ];
  for (const [name, rule, attrs, want] of cases) t.equal(ruleAllows(attrs, rule), want, name);
});

t.test('appliesToUser', async (t) => {
  const sa: UserInfo = { name: 'system:serviceaccount:ns1:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'] };
  const cases: Array<[string, UserInfo, Subject, string, boolean]> = [
    ['user by name', jane, { kind: 'User', name: 'jane' }, '', true],
    ['other user', jane, { kind: 'User', name: 'joe' }, '', false],
    ['group', jane, { kind: 'Group', name: 'dev' }, '', true],
    ['user name is not a group', jane, { kind: 'Group', name: 'jane' }, '', false],
    ['service account with namespace', sa, { kind: 'ServiceAccount', name: 'builder', namespace: 'ns1' }, '', true],
    ['service account, other namespace', sa, { kind: 'ServiceAccount', name: 'builder', namespace: 'ns2' }, 'ns1', false],
    ['service account defaults to binding namespace', sa, { kind: 'ServiceAccount', name: 'builder' }, 'ns1', true],
    ['service account without any namespace', sa, { kind: 'ServiceAccount', name: 'builder' }, '', false],
    ['service account group', sa, { kind: 'Group', name: 'system:serviceaccounts:ns1' }, '', true],
    ['a user named like a service account is not one', { name: 'builder', groups: [] }, { kind: 'ServiceAccount', name: 'builder', namespace: 'ns1' }, '', false],
    ['unknown kind', jane, { kind: 'Robot', name: 'jane' }, '', false],
  ];
  for (const [name, user, subject, ns, want] of cases) t.equal(appliesToUser(user, subject, ns), want, name);
});

const GROUP = 'rbac.authorization.k8s.io';
const podReader: ClusterRole = { metadata: { name: 'pod-reader' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] }] };
const nodeViewer: ClusterRole = { metadata: { name: 'node-viewer' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }, { verbs: ['get'], nonResourceURLs: ['/metrics'] }] };
const cmEditor: Role = { metadata: { name: 'cm-editor', namespace: 'ns1' }, rules: [{ verbs: ['update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }] };
const crbs: ClusterRoleBinding[] = [
  { metadata: { name: 'devs-view-nodes' }, roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: 'node-viewer' }, subjects: [{ kind: 'Group', name: 'dev', apiGroup: GROUP }] },
  { metadata: { name: 'dangling' }, roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: 'missing' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: GROUP }] },
];
const rbs: RoleBinding[] = [
  { metadata: { name: 'read-pods', namespace: 'ns1' }, roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: GROUP }] },
  { metadata: { name: 'edit-settings', namespace: 'ns1' }, roleRef: { apiGroup: GROUP, kind: 'Role', name: 'cm-editor' }, subjects: [{ kind: 'ServiceAccount', name: 'builder' }] },
  { metadata: { name: 'read-pods', namespace: 'ns2' }, roleRef: { apiGroup: GROUP, kind: 'Role', name: 'cm-editor' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: GROUP }] },
];
const snapshot = snapshotOf({ roles: [cmEditor], clusterRoles: [podReader, nodeViewer], roleBindings: rbs, clusterRoleBindings: crbs });
const builder: UserInfo = { name: 'system:serviceaccount:ns1:builder', groups: ['system:serviceaccounts', 'system:authenticated'] };

t.test('authorize', async (t) => {
  const cases: Array<[string, RequestAttributes, boolean, string]> = [
    ['cluster role binding to a group', res('get', 'nodes'), true, 'RBAC: allowed by ClusterRoleBinding "devs-view-nodes" of ClusterRole "node-viewer" to Group "dev"'],
    ['cluster role binding, non-resource URL', url('get', '/metrics'), true, 'RBAC: allowed by ClusterRoleBinding "devs-view-nodes" of ClusterRole "node-viewer" to Group "dev"'],
    ['role binding to a ClusterRole in its namespace', res('list', 'pods', { namespace: 'ns1' }), true, 'RBAC: allowed by RoleBinding "read-pods/ns1" of ClusterRole "pod-reader" to User "jane"'],
    ['subresource granted', res('get', 'pods', { namespace: 'ns1', subresource: 'log', name: 'p' }), true, 'RBAC: allowed by RoleBinding "read-pods/ns1" of ClusterRole "pod-reader" to User "jane"'],
    ['subresource not granted', res('create', 'pods', { namespace: 'ns1', subresource: 'exec', name: 'p' }), false, 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found'],
    ['role binding does not reach another namespace', res('list', 'pods', { namespace: 'ns3' }), false, 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found'],
    ['role binding does not reach cluster scope', res('list', 'pods'), false, 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found'],
    ['role binding to a Role missing in that namespace', res('update', 'configmaps', { namespace: 'ns2', name: 'settings' }), false, 'RBAC: [clusterrole.rbac.authorization.k8s.io "missing" not found, role.rbac.authorization.k8s.io "cm-editor" not found]'],
  ];
  for (const [name, attrs, allowed, reason] of cases) t.same(authorize(attrs, snapshot), { allowed, reason }, name);

  const sa: Array<[string, RequestAttributes, boolean]> = [
    ['service account subject defaults to the binding namespace', { ...res('update', 'configmaps', { namespace: 'ns1', name: 'settings' }), user: builder }, true],
    ['resourceNames: another name', { ...res('update', 'configmaps', { namespace: 'ns1', name: 'other' }), user: builder }, false],
    ['resourceNames: no name (create)', { ...res('update', 'configmaps', { namespace: 'ns1' }), user: builder }, false],
  ];
  for (const [name, attrs, allowed] of sa) t.equal(authorize(attrs, snapshot).allowed, allowed, name);
  t.same(authorize({ ...res('update', 'configmaps', { namespace: 'ns1', name: 'settings' }), user: builder }, snapshot).reason,
    'RBAC: allowed by RoleBinding "edit-settings/ns1" of Role "cm-editor" to ServiceAccount "builder/ns1"');
  t.same(authorize({ ...res('get', 'pods'), user: { name: 'nobody', groups: [] } }, snapshot), { allowed: false, reason: '' }, 'no binding applies: no reason');
  const masters: UserInfo = { name: 'root', groups: ['system:masters'] };
  t.equal(authorize({ ...res('delete', 'nodes'), user: masters }, snapshot).allowed, false, 'system:masters is not special without its binding');
});

t.test('rulesFor', async (t) => {
  t.same(rulesFor(jane, 'ns1', snapshot), {
    resourceRules: [
      { verbs: ['get'], apiGroups: [''], resources: ['nodes'] },
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] },
    ],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }],
    incomplete: false,
    evaluationError: 'clusterrole.rbac.authorization.k8s.io "missing" not found',
  });
  t.same(rulesFor(builder, 'ns1', snapshot), {
    resourceRules: [{ verbs: ['update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }],
    nonResourceRules: [],
    incomplete: false,
  });
  const both = snapshotOf({
    clusterRoles: [{ metadata: { name: 'mixed' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/x'] }] }],
    clusterRoleBindings: [{ metadata: { name: 'b' }, roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: 'mixed' }, subjects: [{ kind: 'User', name: 'jane' }] }],
  });
  const status = rulesFor(jane, '', both);
  t.equal(status.resourceRules.length, 1, 'a rule with resources and URLs gives a resource rule');
  t.equal(status.nonResourceRules.length, 1, '…and a non-resource rule');
});

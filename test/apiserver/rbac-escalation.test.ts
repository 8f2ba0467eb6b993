// RBAC escalation prevention: Covers, CompactRules/CompactString, ConfirmNoEscalation's message, and
// the policy-based storage decisions (escalate, bind, aggregationRule, system:masters).
import t from 'tap';
import { compactRules, compactString, covers, escalationError, uncoveredRules } from '../../apiserver/auth/rbac/escalation.js';
import { snapshotOf } from '../../apiserver/auth/rbac/snapshot.js';
import { checkBindingWrite, checkRoleWrite } from '../../apiserver/auth/rbac/write-checks.js';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RoleBinding, UserInfo } from '../../apiserver/auth/types.js';

const GROUP = 'rbac.authorization.k8s.io';
const jane: UserInfo = { name: 'jane', groups: ['g1', 'system:authenticated'] };

t.test('covers', async (t) => {
  const cases: Array<[string, PolicyRule[], PolicyRule[], boolean]> = [
    ['same rule', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], true],
    ['verb *', [{ verbs: ['*'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], true],
    ['split across owner rules', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verbs: ['list'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }], true],
    ['missing verb', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], false],
    ['group * and resource *', [{ verbs: ['get'], apiGroups: ['*'], resources: ['*'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }], true],
    ['*/scale covers only itself', [{ verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }], false],
    ['owner without names covers named', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }], true],
    ['named owner does not cover unnamed', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], false],
    ['named owner covers a subset', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['b'] }], true],
    ['URL prefix', [{ verbs: ['get'], nonResourceURLs: ['/api/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/api/v1', '/api/v1/x'] }], true],
    ['URL exact is not a prefix', [{ verbs: ['get'], nonResourceURLs: ['/api'] }], [{ verbs: ['get'], nonResourceURLs: ['/api/v1'] }], false],
    ['URL *', [{ verbs: ['*'], nonResourceURLs: ['*'] }], [{ verbs: ['get', 'post'], nonResourceURLs: ['/anything'] }], true],
    ['resource owner does not cover URLs', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], false],
    ['nothing to grant', [], [], true],
  ];
  for (const [name, owner, servant, want] of cases) t.equal(covers(owner, servant), want, name);
  t.same(
    uncoveredRules([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: ['', 'apps'], resources: ['pods'] }]),
    [
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['delete'] },
    ],
    'broken down to one group, resource and verb each',
  );
});

t.test('compactRules and compactString', async (t) => {
  const compacted = compactRules([
    { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
    { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
  ]);
  t.same(compacted.map(compactString), ['{APIGroups:[""], Resources:["secrets"], ResourceNames:["a"], Verbs:["get"]}', '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}']);
  t.equal(compactString({ verbs: ['get'], nonResourceURLs: ['/healthz', '/version'] }), '{NonResourceURLs:["/healthz" "/version"], Verbs:["get"]}');
});

t.test('escalationError: upstream text', async (t) => {
  const owner: PolicyRule[] = [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }];
  t.equal(escalationError(jane, { owner, granted: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }), undefined);
  t.equal(
    escalationError(jane, { owner, granted: [{ verbs: ['get', 'delete', 'deletecollection'], apiGroups: [''], resources: ['pods'] }, { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['b', 'a'] }] }),
    'user "jane" (groups=["g1" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
      '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}\n' +
      '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["b"], Verbs:["get"]}\n' +
      '{APIGroups:[""], Resources:["pods"], Verbs:["delete" "deletecollection"]}',
  );
  t.match(escalationError(jane, { owner: [], granted: [{ verbs: ['get'], nonResourceURLs: ['/x'] }], resolutionError: 'clusterroles.rbac.authorization.k8s.io "gone" not found' }), /\n\{NonResourceURLs:\["\/x"\], Verbs:\["get"\]\}; resolution errors: \[clusterroles.rbac.authorization.k8s.io "gone" not found\]$/);
});

// jane may read and delete pods in ns1 and manage roles and role bindings there (like admin).
const clusterRoles: ClusterRole[] = [
  { metadata: { name: 'pod-deleter' }, rules: [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }] },
  // Not `*`: that would include escalate and bind.
  { metadata: { name: 'rbac-manager' }, rules: [{ verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], apiGroups: [GROUP], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] }] },
  { metadata: { name: 'secret-reader' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }] },
  { metadata: { name: 'escalator' }, rules: [{ verbs: ['escalate'], apiGroups: [GROUP], resources: ['roles'] }] },
  { metadata: { name: 'binder' }, rules: [{ verbs: ['bind'], apiGroups: [GROUP], resources: ['clusterroles'], resourceNames: ['secret-reader'] }] },
  { metadata: { name: 'cluster-admin' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }] },
];
const bind = (name: string, ns: string, role: string, user: string): RoleBinding => ({
  metadata: { name, namespace: ns },
  roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: role },
  subjects: [{ kind: 'User', name: user, apiGroup: GROUP }],
});
const roleBindings = [bind('a', 'ns1', 'pod-deleter', 'jane'), bind('b', 'ns1', 'rbac-manager', 'jane'), bind('c', 'ns2', 'rbac-manager', 'jane'), bind('d', 'ns2', 'escalator', 'jane'), bind('e', 'ns3', 'rbac-manager', 'jane'), bind('f', 'ns3', 'binder', 'jane')];
const clusterRoleBindings: ClusterRoleBinding[] = [{ metadata: { name: 'admins' }, roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'User', name: 'root', apiGroup: GROUP }] }];
const snapshot = snapshotOf({ clusterRoles, roleBindings, clusterRoleBindings, roles: [{ metadata: { name: 'own', namespace: 'ns1' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }] });

t.test('checkRoleWrite', async (t) => {
  const deletePods = [{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }];
  const listSecrets = [{ verbs: ['list'], apiGroups: [''], resources: ['secrets'] }];
  t.same(checkRoleWrite({ user: jane, resource: 'roles', verb: 'create', name: 'x', namespace: 'ns1', rules: deletePods }, snapshot), { allowed: true }, 'rules held');
  t.same(checkRoleWrite({ user: jane, resource: 'roles', verb: 'create', name: 'x', namespace: 'ns2', rules: deletePods }, snapshot), { allowed: true }, 'escalate on roles');
  t.same(checkRoleWrite({ user: jane, resource: 'roles', verb: 'create', name: 'x', namespace: 'ns1', rules: listSecrets }, snapshot), {
    allowed: false,
    code: 403,
    reason: 'Forbidden',
    message:
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "jane" (groups=["g1" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["list"]}',
  });
  t.same(checkRoleWrite({ user: jane, resource: 'roles', verb: 'create', name: 'x', namespace: 'ns3', rules: deletePods }, snapshot), {
    allowed: false,
    code: 403,
    reason: 'Forbidden',
    message:
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "jane" (groups=["g1" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
  }, 'rules held in another namespace do not count');
  const root: UserInfo = { name: 'root', groups: [] };
  const aggregating = { user: jane, resource: 'clusterroles' as const, verb: 'create' as const, name: 'agg', rules: [], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } };
  t.same(checkRoleWrite(aggregating, snapshot), { allowed: false, code: 403, reason: 'Forbidden', message: 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule' });
  t.same(checkRoleWrite({ ...aggregating, user: root }, snapshot), { allowed: true }, 'cluster-admin may aggregate');
  t.same(checkRoleWrite({ ...aggregating, verb: 'update', aggregationRule: null, oldAggregationRule: aggregating.aggregationRule }, snapshot).allowed, false, 'removing an aggregationRule is checked too');
  const master: UserInfo = { name: 'someone', groups: ['system:masters'] };
  t.same(checkRoleWrite({ user: master, resource: 'clusterroles', verb: 'create', name: 'x', rules: listSecrets }, snapshotOf({})), { allowed: true }, 'system:masters skips the check');
  const star = snapshotOf({
    clusterRoles: [{ metadata: { name: 'rbac-star' }, rules: [{ verbs: ['*'], apiGroups: [GROUP], resources: ['roles'] }] }],
    roleBindings: [bind('s', 'ns1', 'rbac-star', 'jane')],
  });
  t.same(checkRoleWrite({ user: jane, resource: 'roles', verb: 'create', name: 'x', namespace: 'ns1', rules: listSecrets }, star), { allowed: true }, 'verb * on roles includes escalate');
  const named = snapshotOf({
    clusterRoles: [{ metadata: { name: 'esc-one' }, rules: [{ verbs: ['escalate'], apiGroups: [GROUP], resources: ['roles'], resourceNames: ['x'] }] }],
    roleBindings: [bind('n', 'ns1', 'esc-one', 'jane')],
  });
  t.equal(checkRoleWrite({ user: jane, resource: 'roles', verb: 'create', name: 'x', namespace: 'ns1', rules: listSecrets }, named).allowed, false, 'escalate limited by name: a create has no name');
  t.equal(checkRoleWrite({ user: jane, resource: 'roles', verb: 'update', name: 'x', namespace: 'ns1', rules: listSecrets }, named).allowed, true, '…an update of that role has');
});

t.test('checkBindingWrite', async (t) => {
  const ref = (kind: string, name: string) => ({ apiGroup: GROUP, kind, name });
  t.same(checkBindingWrite({ user: jane, resource: 'rolebindings', name: 'rb', namespace: 'ns1', roleRef: ref('ClusterRole', 'pod-deleter') }, snapshot), { allowed: true }, 'binding rules held');
  t.same(checkBindingWrite({ user: jane, resource: 'rolebindings', name: 'rb', namespace: 'ns1', roleRef: ref('Role', 'own') }, snapshot), { allowed: true }, 'binding a Role of the namespace');
  t.same(checkBindingWrite({ user: jane, resource: 'rolebindings', name: 'rb', namespace: 'ns3', roleRef: ref('ClusterRole', 'secret-reader') }, snapshot), { allowed: true }, 'bind on the referenced role');
  t.same(checkBindingWrite({ user: jane, resource: 'rolebindings', name: 'rb', namespace: 'ns1', roleRef: ref('ClusterRole', 'secret-reader') }, snapshot), {
    allowed: false,
    code: 403,
    reason: 'Forbidden',
    message:
      'rolebindings.rbac.authorization.k8s.io "rb" is forbidden: user "jane" (groups=["g1" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
  });
  t.same(checkBindingWrite({ user: jane, resource: 'clusterrolebindings', name: 'crb', roleRef: ref('ClusterRole', 'pod-deleter') }, snapshot).allowed, false, 'namespaced rules do not allow a cluster-wide binding');
  t.same(checkBindingWrite({ user: jane, resource: 'rolebindings', name: 'rb', namespace: 'ns1', roleRef: ref('Role', 'nope') }, snapshot), { allowed: false, code: 404, reason: 'NotFound', message: 'roles.rbac.authorization.k8s.io "nope" not found' });
  t.same(checkBindingWrite({ user: { name: 'root', groups: [] }, resource: 'clusterrolebindings', name: 'crb', roleRef: ref('ClusterRole', 'cluster-admin') }, snapshot), { allowed: true }, 'cluster-admin may bind cluster-admin');
});

// Authorization beyond the user-facing roles: the Node authorizer (a kubelet reads only what its pods
// use, writes only its own Node, Lease and pods' status), anonymous access (only what
// system:public-info-viewer allows), SubjectAccessReview and LocalSubjectAccessReview, and what every
// namespace gets: the default ServiceAccount, kube-root-ca.crt, legacy token secrets filled in.
import t from 'tap';
import { until as pollUntil } from '../helpers/until.js';
import { CertificateAuthority } from '../../apiserver/tls/certificate-authority.js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
let node: { cert: string; key: string };
t.before(async () => {
  api = await startTestApi({ authentication: { anonymous: true } });
  const ca = new CertificateAuthority(new X509Certificate(api.certs.caCert), createPrivateKey(api.certs.caKey));
  node = ca.issue({ commonName: 'system:node:n1', organizations: ['system:nodes'], usage: 'clientAuth' }, new Date());
});
t.teardown(() => api.close());

const until = <T>(f: () => Promise<T | undefined>, ms = 2000) => pollUntil(f, ms);

t.test('the Node authorizer', async (t) => {
  for (const name of ['used', 'unused']) {
    await api.call('POST', '/api/v1/namespaces/default/secrets', { metadata: { name }, stringData: { k: 'v' } });
  }
  await api.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'settings' }, data: { a: 'b' } });
  const pod = await api.call('POST', '/api/v1/namespaces/default/pods', {
    metadata: { name: 'p' },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'c', image: 'busybox', envFrom: [{ configMapRef: { name: 'settings' } }] }],
      volumes: [{ name: 's', secret: { secretName: 'used' } }],
    },
  });
  t.equal(pod.status, 201, pod.text);
  const asNode = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => api.callAs(node, method, path, body, headers);
  t.equal((await until(async () => ((await asNode('GET', '/api/v1/namespaces/default/secrets/used')).status === 200 ? 200 : undefined))) ?? 403, 200, 'a secret its pod mounts');
  t.equal((await asNode('GET', '/api/v1/namespaces/default/configmaps/settings')).status, 200, 'a config map its pod reads');
  const other = await asNode('GET', '/api/v1/namespaces/default/secrets/unused');
  t.equal(other.status, 403);
  t.equal(other.json.message, `secrets "unused" is forbidden: User "system:node:n1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node 'n1' and this object`);
  t.equal((await asNode('GET', '/api/v1/namespaces/default/secrets')).status, 403, 'no listing of secrets');
  t.equal((await asNode('POST', '/api/v1/nodes', { metadata: { name: 'n1' } })).status, 201, 'registers its own Node');
  t.equal((await api.call('POST', '/api/v1/nodes', { metadata: { name: 'n2' } })).status, 201);
  t.equal((await asNode('PATCH', '/api/v1/nodes/n1/status', { status: { phase: 'Running' } }, { 'content-type': 'application/merge-patch+json' })).status, 200);
  t.equal((await asNode('PATCH', '/api/v1/nodes/n2/status', { status: { phase: 'Running' } }, { 'content-type': 'application/merge-patch+json' })).status, 403, 'not another node');
  t.equal((await asNode('GET', '/api/v1/pods')).status, 200, 'reads pods');
  t.equal((await asNode('PATCH', '/api/v1/namespaces/default/pods/p/status', { status: { phase: 'Running' } }, { 'content-type': 'application/merge-patch+json' })).status, 200, 'its pod status');
  t.equal((await asNode('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', { metadata: { name: 'n1' }, spec: { holderIdentity: 'n1' } })).status, 201);
  t.equal((await asNode('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', { metadata: { name: 'n2' }, spec: {} })).status, 403);
  t.equal((await asNode('DELETE', '/api/v1/namespaces/default/secrets/used')).status, 403);
});

t.test('anonymous requests get only public info', async (t) => {
  t.equal((await api.callAs({}, 'GET', '/version')).status, 200);
  t.equal((await api.callAs({}, 'GET', '/healthz')).status, 200);
  const pods = await api.callAs({}, 'GET', '/api/v1/pods');
  t.equal(pods.status, 403);
  t.equal(pods.json.message, 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" at the cluster scope');
  t.equal((await api.callAs({}, 'GET', '/apis')).status, 403, 'discovery needs authentication, as upstream since 1.14');
});

t.test('subject access reviews', async (t) => {
  await api.call('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
    metadata: { name: 'sam-view' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'sam' }],
  });
  const sar = (spec: unknown) => api.call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
  const yes = await until(async () => {
    const r = await sar({ user: 'sam', resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } });
    return r.json.status?.allowed ? r : undefined;
  });
  t.match(yes?.json.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "sam-view/default" of ClusterRole "view" to User "sam"' });
  t.equal((await sar({ user: 'sam', resourceAttributes: { namespace: 'default', verb: 'list', resource: 'secrets' } })).json.status.allowed, false);
  t.equal((await sar({ user: 'sam', nonResourceAttributes: { path: '/version', verb: 'get' }, groups: ['system:authenticated'] })).json.status.allowed, true);
  const lsar = await api.call('POST', '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'LocalSubjectAccessReview',
    spec: { user: 'sam', resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods' } },
  });
  t.equal(lsar.status, 400);
  t.equal(lsar.json.message, 'spec.resourceAttributes.namespace must match namespace: default');
});

t.test('every namespace gets a default ServiceAccount and kube-root-ca.crt', async (t) => {
  t.equal((await api.call('POST', '/api/v1/namespaces', { metadata: { name: 'team' } })).status, 201);
  const sa = await until(async () => {
    const r = await api.call('GET', '/api/v1/namespaces/team/serviceaccounts/default');
    return r.status === 200 ? r.json : undefined;
  });
  t.ok(sa, 'the default service account');
  const cm = await until(async () => {
    const r = await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt');
    return r.status === 200 ? r.json : undefined;
  });
  t.equal(cm?.data['ca.crt'], api.certs.caCert);
  await api.call('DELETE', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt');
  t.ok(await until(async () => ((await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt')).status === 200 ? true : undefined)), 'published again');

  const secret = await api.call('POST', '/api/v1/namespaces/team/secrets', {
    metadata: { name: 'legacy', annotations: { 'kubernetes.io/service-account.name': 'default' } },
    type: 'kubernetes.io/service-account-token',
  });
  t.equal(secret.status, 201, secret.text);
  const token = await until(async () => {
    const r = await api.call('GET', '/api/v1/namespaces/team/secrets/legacy');
    return r.json.data?.token ? Buffer.from(r.json.data.token, 'base64').toString() : undefined;
  });
  t.ok(token, 'the tokens controller filled in the secret');
  const me = await api.callAs({ token: token! }, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  t.equal(me.json.status?.userInfo?.username, 'system:serviceaccount:team:default');
  await api.call('DELETE', '/api/v1/namespaces/team/secrets/legacy');
  t.equal((await api.callAs({ token: token! }, 'GET', '/api')).status, 401, 'the legacy token dies with its secret');
});

t.test('binding a pod to a node', async (t) => {
  await api.call('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const scheduler = api.api.local({ name: 'system:kube-scheduler', groups: [] });
  const bound = await scheduler.request({ method: 'POST', path: '/api/v1/namespaces/default/pods/web/binding', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { kind: 'Node', name: 'n1' } } });
  t.equal(bound.status, 201, JSON.stringify(bound.body));
  const pod = (await api.call('GET', '/api/v1/namespaces/default/pods/web')).json;
  t.equal(pod.spec.nodeName, 'n1');
  t.match(pod.status.conditions, [{ type: 'PodScheduled', status: 'True' }]);
  const again = await scheduler.request({ method: 'POST', path: '/api/v1/namespaces/default/pods/web/binding', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { kind: 'Node', name: 'n2' } } });
  t.equal(again.status, 409);
  t.equal((again.body as { message: string }).message, 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "n1"');
  await api.call('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'old-style' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const legacy = await api.call('POST', '/api/v1/namespaces/default/bindings', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'old-style' }, target: { kind: 'Node', name: 'n2' } });
  t.equal(legacy.status, 201, legacy.text);
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/old-style')).json.spec.nodeName, 'n2');
  const jane = await api.api.local({ name: 'jane', groups: [] }).request({ method: 'POST', path: '/api/v1/namespaces/default/pods/web/binding', body: { target: { name: 'n1' } } });
  t.equal(jane.status, 403);
});

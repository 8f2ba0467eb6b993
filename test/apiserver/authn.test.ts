// Authentication as upstream orders it: client certificates, static tokens, bootstrap tokens and
// service-account JWTs (TokenRequest), anonymous only when allowed; refused credentials get 401, never
// access. Impersonation needs the `impersonate` verb. SelfSubjectReview and TokenReview tell who is who.
import { SignJWT, importPKCS8 } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { parseTokenFile } from '../../apiserver/auth/authn/token-file.js';
import { ServiceAccountTokens } from '../../apiserver/auth/authn/service-account-token.js';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi({
    authentication: { tokens: parseTokenFile('# static tokens\nsecret-jane,jane,1001,"devs,qa"\nsecret-bob,bob,1002\n') },
  });
});
t.teardown(() => api.close());

const whoami = (as: Parameters<TestApi['callAs']>[0], headers: Record<string, string> = {}) =>
  api.callAs(as, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, headers);

t.test('no credentials and bad credentials get 401', async (t) => {
  const none = await api.callAs({}, 'GET', '/api/v1/namespaces');
  t.equal(none.status, 401);
  t.match(none.json, { kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
  t.equal((await api.callAs({}, 'GET', '/version')).status, 401, 'anonymous access is off by default');
  t.equal((await api.callAs({ token: 'nope' }, 'GET', '/api')).status, 401);
  t.equal((await api.callAs({}, 'GET', '/api', undefined, { authorization: 'Bearer ' })).status, 401, 'an empty bearer token');
  t.equal((await api.callAs({}, 'GET', '/api', undefined, { authorization: 'Basic amFuZTpwdw==' })).status, 401, 'basic auth is not a credential here');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const forged = await new SignJWT({ sub: 'system:serviceaccount:default:default' }).setProtectedHeader({ alg: 'ES256' }).setIssuer('https://kubernetes.default.svc.cluster.local').sign(privateKey);
  t.equal((await api.callAs({ token: forged }, 'GET', '/api')).status, 401, 'a JWT of another signer');
});

t.test('static tokens name the user and groups', async (t) => {
  const r = await whoami({ token: 'secret-jane' });
  t.equal(r.status, 201, r.text);
  t.same(r.json.status.userInfo, { username: 'jane', uid: '1001', groups: ['devs', 'qa', 'system:authenticated'] });
  const denied = await api.callAs({ token: 'secret-jane' }, 'GET', '/api/v1/namespaces/dev/pods');
  t.equal(denied.status, 403);
  t.equal(denied.json.message, 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"');
  t.match(denied.json, { reason: 'Forbidden', details: { kind: 'pods' }, code: 403 });
  const one = await api.callAs({ token: 'secret-jane' }, 'GET', '/apis/apps/v1/deployments');
  t.equal(one.json.message, 'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" at the cluster scope');
});

t.test('service-account tokens from TokenRequest', async (t) => {
  t.equal((await api.call('POST', '/api/v1/namespaces/default/serviceaccounts', { metadata: { name: 'robot' } })).status, 201);
  const tooShort = await api.call('POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 10 } });
  t.equal(tooShort.status, 422);
  t.match(tooShort.json.message, /spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes/);
  const issued = await api.call('POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} });
  t.equal(issued.status, 201, issued.text);
  const token: string = issued.json.status.token;
  t.match(issued.json, { kind: 'TokenRequest', spec: { audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 } });
  const me = await whoami({ token });
  t.equal(me.status, 201, me.text);
  t.match(me.json.status.userInfo, {
    username: 'system:serviceaccount:default:robot',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
  });
  t.match(me.json.status.userInfo.extra['authentication.kubernetes.io/credential-id'], [/^JTI=/]);

  const review = await api.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
  t.match(review.json.status, { authenticated: true, user: { username: 'system:serviceaccount:default:robot' } });
  const wrongAudience = await api.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences: ['vault'] } });
  t.notOk(wrongAudience.json.status.authenticated, 'a token for the API is not one for vault');

  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  payload.sub = 'system:serviceaccount:kube-system:admin';
  const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
  t.equal((await whoami({ token: tampered })).status, 401, 'a tampered token');

  const tokens = await ServiceAccountTokens.create({ privateKeyPem: api.certs.serviceAccountKey, publicKeyPem: api.certs.serviceAccountPublicKey });
  const sa = (await api.call('GET', '/api/v1/namespaces/default/serviceaccounts/robot')).json;
  const expired = await tokens.issue({
    namespace: 'default',
    serviceAccount: { name: 'robot', uid: sa.metadata.uid },
    audiences: [],
    expirationSeconds: 600,
    now: new Date(Date.now() - 3600_000),
  });
  t.equal((await whoami({ token: expired.token })).status, 401, 'an expired token');
  const wrongAud = await tokens.issue({ namespace: 'default', serviceAccount: { name: 'robot', uid: sa.metadata.uid }, audiences: ['vault'], expirationSeconds: 600, now: new Date() });
  t.equal((await whoami({ token: wrongAud.token })).status, 401, 'a token for another audience');
  const other = await importPKCS8(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'RS256');
  const wrongSigner = await new SignJWT({ 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid: sa.metadata.uid } } })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer('https://kubernetes.default.svc.cluster.local')
    .setAudience('https://kubernetes.default.svc.cluster.local')
    .setExpirationTime('1h')
    .sign(other);
  t.equal((await whoami({ token: wrongSigner })).status, 401, 'a token of another signer');

  t.equal((await api.call('DELETE', '/api/v1/namespaces/default/serviceaccounts/robot')).status, 200);
  t.equal((await whoami({ token })).status, 401, 'the account is gone, so is its token');
});

t.test('tokens bound to a pod die with the pod', async (t) => {
  await api.call('POST', '/api/v1/namespaces/default/serviceaccounts', { metadata: { name: 'runner' } });
  const pod = await api.call('POST', '/api/v1/namespaces/default/pods', {
    metadata: { name: 'p1' },
    spec: { serviceAccountName: 'runner', containers: [{ name: 'c', image: 'busybox' }] },
  });
  t.equal(pod.status, 201, pod.text);
  const issued = await api.call('POST', '/api/v1/namespaces/default/serviceaccounts/runner/token', {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p1', uid: pod.json.metadata.uid } },
  });
  t.equal(issued.status, 201, issued.text);
  const me = await whoami({ token: issued.json.status.token });
  t.same(me.json.status.userInfo.extra['authentication.kubernetes.io/pod-name'], ['p1']);
  await api.call('DELETE', '/api/v1/namespaces/default/pods/p1');
  t.equal((await whoami({ token: issued.json.status.token })).status, 401);
});

t.test('bootstrap tokens', async (t) => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const secret = (data: Record<string, string>) => ({
    metadata: { name: 'bootstrap-token-abcdef' },
    type: 'bootstrap.kubernetes.io/token',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  });
  const made = await api.call('POST', '/api/v1/namespaces/kube-system/secrets', secret({ 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-authentication': 'true', 'auth-extra-groups': 'system:bootstrappers:k8ts:default-node-token' }));
  t.equal(made.status, 201, made.text);
  const me = await whoami({ token: 'abcdef.0123456789abcdef' });
  t.same(me.json.status.userInfo, { username: 'system:bootstrap:abcdef', groups: ['system:bootstrappers', 'system:bootstrappers:k8ts:default-node-token', 'system:authenticated'] });
  t.equal((await whoami({ token: 'abcdef.0123456789abcdeX' })).status, 401, 'a wrong secret part');
  await api.call('DELETE', '/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef');
  await api.call('POST', '/api/v1/namespaces/kube-system/secrets', secret({ 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-authentication': 'true', expiration: '2020-01-01T00:00:00Z' }));
  t.equal((await whoami({ token: 'abcdef.0123456789abcdef' })).status, 401, 'an expired bootstrap token');
});

t.test('impersonation needs the impersonate verb', async (t) => {
  const asJane = await api.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { 'impersonate-user': 'jane', 'impersonate-group': 'devs' });
  t.same(asJane.json.status.userInfo, { username: 'jane', groups: ['devs', 'system:authenticated'] });
  const sa = await api.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { 'impersonate-user': 'system:serviceaccount:ns1:bot' });
  t.same(sa.json.status.userInfo.groups, ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated']);
  const bob = await whoami({ token: 'secret-bob' }, { 'impersonate-user': 'jane' });
  t.equal(bob.status, 403);
  t.equal(bob.json.message, 'users "jane" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope');
  const groupOnly = await api.call('GET', '/api', undefined, { 'impersonate-group': 'devs' });
  t.equal(groupOnly.status, 400);
});

t.test('a client certificate from another CA is refused', async (t) => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // A self-signed certificate: node's TLS accepts it (requestCert, no rejection) but it is not the cluster CA's.
  const { selfSigned } = await import('../helpers/self-signed.js');
  const pem = selfSigned(privateKey, 'mallory');
  const r = await api.callAs({ cert: pem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string }, 'GET', '/api');
  t.equal(r.status, 401);
});

t.test('access reviews for the caller', async (t) => {
  const r = await api.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } },
  });
  t.equal(r.status, 201, r.text);
  t.equal(r.json.status.allowed, true, 'system:masters may do anything');
  const jane = await api.callAs({ token: 'secret-jane' }, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } },
  });
  t.equal(jane.status, 201, 'system:basic-user lets every authenticated user ask');
  t.equal(jane.json.status.allowed, false);
  const both = await api.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {} });
  t.equal(both.status, 422);
});

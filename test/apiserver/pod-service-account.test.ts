// The ServiceAccount admission of new pods: `default` filled in, a missing account refused with
// upstream's 403, and the namespace's own `default` account waited for while it is being created.
import t from 'tap';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } });

t.test('a pod without an account runs as default; one naming a missing account is refused', async (t) => {
  const plain = await api.call('POST', '/api/v1/namespaces/default/pods', pod('plain'));
  t.equal(plain.status, 201, plain.text);
  t.equal(plain.json.spec.serviceAccountName, 'default');
  t.equal(plain.json.spec.serviceAccount, 'default', 'the deprecated field follows');
  const missing = await api.call('POST', '/api/v1/namespaces/default/pods', pod('lost', { serviceAccountName: 'builder' }));
  t.equal(missing.status, 403);
  t.equal(missing.json.reason, 'Forbidden');
  t.equal(missing.json.message, 'pods "lost" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
  const generated = await api.call('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: { generateName: 'web-' }, spec: { ...pod('').spec, serviceAccountName: 'builder' } });
  t.equal(generated.status, 403);
  t.match(generated.json.message, /^pods "web-" is forbidden: error looking up service account default\/builder/, 'a pod without a name yet is named by its generateName');
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/lost')).status, 404, 'nothing was stored');
  await api.call('POST', '/api/v1/namespaces/default/serviceaccounts', { metadata: { name: 'builder' } });
  t.equal((await api.call('POST', '/api/v1/namespaces/default/pods', pod('found', { serviceAccountName: 'builder' }))).status, 201, 'accepted once the account exists');
});

t.test('a pod right after its namespace waits for the namespace\'s default account', async (t) => {
  t.equal((await api.call('POST', '/api/v1/namespaces', { metadata: { name: 'fresh' } })).status, 201);
  const r = await api.call('POST', '/api/v1/namespaces/fresh/pods', pod('first'));
  t.equal(r.status, 201, r.text);
  t.equal(r.json.spec.serviceAccountName, 'default');
});

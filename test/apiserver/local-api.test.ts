// The in-process transport components use inside `k8ts server`: the same authorization and handlers as
// HTTPS, under the component's identity, with watches as streams of events.
import t from 'tap';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

t.test('requests run as the component, through RBAC', async (t) => {
  const scheduler = api.api.local({ name: 'system:kube-scheduler', groups: [] });
  t.same(scheduler.user.groups, ['system:authenticated']);
  const pods = await scheduler.request({ method: 'GET', path: '/api/v1/pods?limit=10' });
  t.equal(pods.status, 200);
  t.equal((pods.body as { kind: string }).kind, 'PodList');
  const denied = await scheduler.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'x' } } });
  t.equal(denied.status, 403);
  t.equal((denied.body as { message: string }).message, 'configmaps is forbidden: User "system:kube-scheduler" cannot create resource "configmaps" in API group "" in the namespace "default"');
  const admin = api.api.local({ name: 'system:admin', groups: ['system:masters'] });
  const made = await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'x' }, data: { a: '1' } }, headers: { 'Content-Type': 'application/json' } });
  t.equal(made.status, 201);
  const bad = await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'Bad_Name' } } });
  t.equal(bad.status, 422);
  t.equal((await admin.request({ method: 'GET', path: '/version' })).status, 404, 'resource paths and discovery only');
  const v1 = await scheduler.request({ method: 'GET', path: '/api/v1' });
  t.equal((v1.body as { kind: string }).kind, 'APIResourceList');
  const groups = await scheduler.request({ method: 'GET', path: '/apis' });
  t.ok((groups.body as { groups: Array<{ name: string }> }).groups.some((g) => g.name === 'apps'));
});

t.test('a watch is a stream of events', async (t) => {
  const admin = api.api.local({ name: 'system:admin', groups: ['system:masters'] });
  const list = await admin.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps' });
  const rv = (list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const abort = new AbortController();
  const w = await admin.request({ method: 'GET', path: `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}` }, abort.signal);
  t.ok(w.stream);
  const events: Array<{ type: string; object: { metadata: { name: string } } }> = [];
  w.stream!.setEncoding('utf8');
  let buf = '';
  w.stream!.on('data', (c: string) => {
    buf += c;
    for (let nl; (nl = buf.indexOf('\n')) >= 0; buf = buf.slice(nl + 1)) events.push(JSON.parse(buf.slice(0, nl)));
  });
  await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'y' } } });
  for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  t.match(events[0], { type: 'ADDED', object: { metadata: { name: 'y' } } });
  abort.abort();
  await new Promise((r) => setTimeout(r, 20));
  t.ok(w.stream!.writableEnded || w.stream!.destroyed || w.stream!.readableEnded, 'the stream ends when the caller aborts');
});

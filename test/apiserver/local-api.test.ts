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

t.test('a body passed as a value is decoded and checked exactly as its JSON text would be', async (t) => {
  const admin = api.api.local({ name: 'system:admin', groups: ['system:masters'] });
  const json = { 'Content-Type': 'application/json' };
  // Comparable answers: what the server made of the body, without what differs between two objects.
  const answer = (r: { status: number; warnings: string[]; body?: unknown }, name: string) => {
    const body = JSON.parse(JSON.stringify(r.body ?? null).replaceAll(name, 'NAME')) as { metadata?: Record<string, unknown> };
    if (body?.metadata) for (const k of ['name', 'uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generateName']) delete body.metadata[k];
    return { status: r.status, warnings: r.warnings, body };
  };
  const deployment = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: 'v' } },
    spec: { selector: { matchLabels: { app: 'v' } }, template: { metadata: { labels: { app: 'v' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
  });
  const bodies: Array<[string, (name: string) => Record<string, unknown>, string, number]> = [
    ['a valid object', (n) => deployment(n, { replicas: 2 }), '', 201],
    ['an unknown field (warned, dropped)', (n) => deployment(n, { bogus: 1, replicas: 1 }), '', 201],
    ['an unknown field, Strict', (n) => deployment(n, { bogus: 1 }), '?fieldValidation=Strict', 400],
    ['a string for an int32', (n) => deployment(n, { replicas: '3' }), '', 400],
    ['a fraction for an int32', (n) => deployment(n, { replicas: 1.5 }), '', 400],
    ['a bad timestamp', (n) => ({ ...deployment(n, {}), metadata: { name: n, creationTimestamp: 'yesterday' } }), '', 400],
    ['a bad quantity', (n) => deployment(n, { template: { spec: { containers: [{ name: 'c', image: 'b', resources: { limits: { cpu: 'lots' } } }] } } }), '', 400],
    ['an invalid object (422)', (n) => deployment(n, { replicas: -1 }), '', 422],
  ];
  let i = 0;
  for (const [what, make, query, status] of bodies) {
    i++;
    const path = `/apis/apps/v1/namespaces/default/deployments${query}`;
    const asValue = await admin.request({ method: 'POST', path, body: make(`value-${i}`), headers: json });
    const asText = await admin.request({ method: 'POST', path, body: JSON.stringify(make(`text-${i}`)), headers: json });
    t.equal(asValue.status, status, `${what}: ${status}`);
    t.same(answer(asValue, `value-${i}`), answer(asText, `text-${i}`), what);
  }
  t.equal((await admin.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('value-x', { bogus: 1 }), headers: json })).warnings[0], 'unknown field "spec.bogus"');

  // Members JSON leaves out (undefined, functions) are left out; Dates are written as JSON writes them.
  const made = await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'odd', labels: undefined }, data: { when: new Date(Date.UTC(2026, 0, 2)), gone: undefined } }, headers: json });
  t.equal(made.status, 201);
  t.same((made.body as { data: unknown }).data, { when: '2026-01-02T00:00:00.000Z' });

  // Patches as values: merge and strategic merge, with the resourceVersion they carry as a precondition.
  const cm = made.body as { metadata: { resourceVersion: string } };
  const patched = await admin.request({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/odd', body: { data: { a: '1', when: null } }, headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
  t.equal(patched.status, 200);
  t.same((patched.body as { data: unknown }).data, { a: '1' });
  const stale = await admin.request({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/odd', body: { metadata: { resourceVersion: cm.metadata.resourceVersion }, data: { b: '2' } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
  t.equal(stale.status, 409, 'a stale resourceVersion in the patch is a conflict');
  const listPatch = await admin.request({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/odd', body: [{ op: 'add', path: '/data/c', value: '3' }], headers: { 'Content-Type': 'application/json-patch+json' } });
  t.same((listPatch.body as { data: unknown }).data, { a: '1', c: '3' }, 'a JSON patch as a value');
  const notAPatch = await admin.request({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/odd', body: [1], headers: { 'Content-Type': 'application/merge-patch+json' } });
  t.equal(notAPatch.status, 422);

  // The body limit is on the JSON text, whether it came as text or as a value.
  const huge = { metadata: { name: 'huge' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } };
  const tooLarge = await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: huge, headers: json });
  t.equal(tooLarge.status, 413);
  t.equal((tooLarge.body as { reason: string }).reason, 'RequestEntityTooLarge');
  const wide = { metadata: { name: 'wide' }, data: { a: '\u0001'.repeat(600 * 1024) } }; // 600 Ki characters, 3.6 MiB as JSON
  t.equal((await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: wide, headers: json })).status, 413, 'escapes count');
  const fits = { metadata: { name: 'fits' }, data: { a: 'x'.repeat(1024 * 1024) } };
  t.equal((await admin.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: fits, headers: json })).status, 201);
});

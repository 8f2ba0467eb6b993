// The API's own behaviour over HTTPS: object semantics, concurrency, watches, and the Status answers to
// bad input — what upstream answers, and nothing stored changes.
import t from 'tap';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api?.close());

const cm = (name: string, data: Record<string, string> = { a: '1' }, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data,
});
const CMS = '/api/v1/namespaces/default/configmaps';

t.test('create, get, update with optimistic concurrency, delete', async (t) => {
  const created = await api.call('POST', CMS, cm('c1'));
  t.equal(created.status, 201);
  t.match(created.json.metadata, { name: 'c1', namespace: 'default', uid: /^[0-9a-f-]{36}$/, resourceVersion: /^\d+$/ });
  t.match(created.json.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  const dup = await api.call('POST', CMS, cm('c1'));
  t.equal(dup.status, 409);
  t.match(dup.json, { kind: 'Status', reason: 'AlreadyExists', message: 'configmaps "c1" already exists', details: { name: 'c1', kind: 'configmaps' } });

  const rv = created.json.metadata.resourceVersion;
  const updated = await api.call('PUT', `${CMS}/c1`, { ...created.json, data: { a: '2' } });
  t.equal(updated.status, 200);
  t.ok(Number(updated.json.metadata.resourceVersion) > Number(rv));
  t.equal(updated.json.metadata.uid, created.json.metadata.uid, 'uid is kept');

  const stale = await api.call('PUT', `${CMS}/c1`, { ...created.json, data: { a: '3' } });
  t.equal(stale.status, 409);
  t.match(stale.json.message, /Operation cannot be fulfilled on configmaps "c1": the object has been modified/);
  t.equal((await api.call('GET', `${CMS}/c1`)).json.data.a, '2', 'the stale write changed nothing');

  const generated = await api.call('POST', CMS, cm('', {}, { generateName: 'gen-' }));
  t.match(generated.json.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);

  const del = await api.call('DELETE', `${CMS}/c1`);
  t.equal(del.status, 200);
  t.match(del.json, { kind: 'Status', status: 'Success', details: { name: 'c1', kind: 'configmaps' } });
  const gone = await api.call('GET', `${CMS}/c1`);
  t.equal(gone.status, 404);
  t.match(gone.json, { reason: 'NotFound', message: 'configmaps "c1" not found', code: 404 });
});

t.test('namespaces: missing and terminating namespaces refuse new objects', async (t) => {
  const missing = await api.call('POST', '/api/v1/namespaces/nope/configmaps', cm('x'));
  t.equal(missing.status, 404);
  t.match(missing.json.message, 'namespaces "nope" not found');
  t.equal((await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } })).status, 201);
  const del = await api.call('DELETE', '/api/v1/namespaces/doomed');
  t.equal(del.status, 200, 'a deleted namespace stays while it terminates (200 with the object, as upstream)');
  t.equal(del.json.status.phase, 'Terminating');
  t.ok(del.json.metadata.deletionTimestamp);
  const refused = await api.call('POST', '/api/v1/namespaces/doomed/configmaps', cm('x'));
  t.equal(refused.status, 403);
  t.match(refused.json.message, /^configmaps "x" is forbidden: unable to create new content in namespace doomed because it is being terminated$/);
});

t.test('finalizers keep an object until they are removed', async (t) => {
  const c = await api.call('POST', CMS, cm('fin', {}, { finalizers: ['example.com/hold'] }));
  const del = await api.call('DELETE', `${CMS}/fin`);
  t.equal(del.status, 200);
  t.ok(del.json.metadata.deletionTimestamp);
  t.equal((await api.call('GET', `${CMS}/fin`)).status, 200);
  const current = (await api.call('GET', `${CMS}/fin`)).json;
  const released = await api.call('PUT', `${CMS}/fin`, { ...current, metadata: { ...current.metadata, finalizers: [] } });
  t.equal(released.status, 200);
  t.equal((await api.call('GET', `${CMS}/fin`)).status, 404, 'removing the last finalizer deletes it');
  t.ok(c);
});

t.test('list paging and resourceVersion', async (t) => {
  for (const n of ['p1', 'p2', 'p3']) await api.call('POST', '/api/v1/namespaces/kube-public/configmaps', cm(n));
  const first = await api.call('GET', '/api/v1/namespaces/kube-public/configmaps?limit=2');
  t.equal(first.json.kind, 'ConfigMapList');
  // Every namespace also holds kube-root-ca.crt, as on any cluster.
  t.same(first.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['kube-root-ca.crt', 'p1']);
  t.equal(first.json.metadata.remainingItemCount, 2);
  await api.call('POST', '/api/v1/namespaces/kube-public/configmaps', cm('p4'));
  const second = await api.call('GET', `/api/v1/namespaces/kube-public/configmaps?limit=2&continue=${first.json.metadata.continue}`);
  t.same(second.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['p2', 'p3'], 'the continued list is a snapshot at the first page');
  t.notOk(second.json.metadata.continue);
  const bad = await api.call('GET', '/api/v1/namespaces/kube-public/configmaps?limit=2&continue=garbage');
  t.equal(bad.status, 400);
  const badRv = await api.call('GET', '/api/v1/namespaces/kube-public/configmaps?watch=true&resourceVersion=abc');
  t.equal(badRv.status, 400);
  t.match(badRv.json.message, /invalid resource version/);
});

t.test('watch: changes after a resourceVersion, in order, then DELETED', async (t) => {
  const list = await api.call('GET', '/api/v1/namespaces/kube-node-lease/configmaps');
  const w = api.stream(`/api/v1/namespaces/kube-node-lease/configmaps?watch=true&resourceVersion=${list.json.metadata.resourceVersion}`);
  t.teardown(() => w.close());
  await new Promise((r) => setTimeout(r, 100));
  const c = await api.call('POST', '/api/v1/namespaces/kube-node-lease/configmaps', cm('w1'));
  await api.call('PUT', '/api/v1/namespaces/kube-node-lease/configmaps/w1', { ...c.json, data: { a: 'changed' } });
  await api.call('DELETE', '/api/v1/namespaces/kube-node-lease/configmaps/w1');
  const deadline = Date.now() + 5000;
  while (w.events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.same(w.events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
  t.equal(w.events[1]!.object.data.a, 'changed');
  t.equal(w.events[2]!.object.data.a, 'changed', 'DELETED carries the last state');
});

t.test('bad input gets upstream status codes and changes nothing', async (t) => {
  const before = (await api.call('GET', CMS)).json.metadata.resourceVersion;
  const cases: Array<[string, () => Promise<{ status: number; json: { reason?: string; message?: string } }>, number, RegExp]> = [
    ['malformed JSON', () => api.call('POST', CMS, '{"apiVersion": "v1", "kind": '), 400, /unknown format|JSON/],
    ['malformed YAML', () => api.call('POST', CMS, 'kind: [', { 'content-type': 'application/yaml' }), 400, /unknown format/],
    ['wrong apiVersion', () => api.call('POST', CMS, { ...cm('x'), apiVersion: 'apps/v1' }), 400, /the API version in the data \(apps\/v1\) does not match the expected API version \(v1\)/],
    ['wrong kind', () => api.call('POST', CMS, { ...cm('x'), kind: 'Secret' }), 400, /the kind in the data \(Secret\) does not match the expected kind \(ConfigMap\)/],
    ['namespace mismatch', () => api.call('POST', CMS, cm('x', {}, { namespace: 'kube-system' })), 400, /does not match the namespace sent on the request/],
    ['unknown media type', () => api.call('POST', CMS, 'x', { 'content-type': 'text/plain' }), 415, /unknown format/],
    ['body over 3 MiB', () => api.call('POST', CMS, cm('big', { a: 'x'.repeat(3 * 1024 * 1024) })), 413, /Request entity too large/],
    ['deeply nested JSON', () => api.call('POST', CMS, `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`), 400, /nested/],
    ['missing name', () => api.call('POST', CMS, cm('')), 422, /name or generateName is required/],
    ['unknown resource', () => api.call('GET', '/api/v1/namespaces/default/frobs'), 404, /could not find the requested resource/],
    ['name mismatch on PUT', () => api.call('PUT', `${CMS}/a`, cm('b')), 400, /does not match the name on the URL/],
  ];
  for (const [what, fn, code, message] of cases) {
    const res = await fn();
    t.equal(res.status, code, `${what}: ${code}`);
    t.match(res.json?.message ?? '', message, `${what}: message`);
  }
  const after = (await api.call('GET', CMS)).json.metadata.resourceVersion;
  t.equal(after, before, 'nothing was written');
});

t.test('services: cluster IPs and node ports are allocated once, checked and released', async (t) => {
  const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });
  const SVCS = '/api/v1/namespaces/default/services';
  const k8s = await api.call('GET', `${SVCS}/kubernetes`);
  t.equal(k8s.json.spec.clusterIP, '10.43.0.1', 'the kubernetes service holds the first service IP');
  const a = await api.call('POST', SVCS, svc('a', {}));
  t.equal(a.status, 201);
  t.match(a.json.spec.clusterIP, /^10\.43\.\d+\.\d+$/);
  t.same(a.json.spec.clusterIPs, [a.json.spec.clusterIP]);
  const taken = await api.call('POST', SVCS, svc('b', { clusterIP: a.json.spec.clusterIP }));
  t.equal(taken.status, 422);
  t.match(taken.json.message, /provided IP is already allocated/);
  const outside = await api.call('POST', SVCS, svc('c', { clusterIP: '192.168.1.1' }));
  t.equal(outside.status, 422);
  t.match(outside.json.message, /is not in the valid range\. The range of valid IPs is 10\.43\.0\.0\/16/);
  const np = await api.call('POST', SVCS, svc('np', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81 }] }));
  t.equal(np.status, 201);
  t.equal(np.json.spec.ports[0].nodePort, 30080);
  t.ok(np.json.spec.ports[1].nodePort >= 30000 && np.json.spec.ports[1].nodePort <= 32767);
  const clash = await api.call('POST', SVCS, svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
  t.equal(clash.status, 422);
  t.match(clash.json.message, /spec\.ports\[0\]\.nodePort: Invalid value: 30080: provided port is already allocated/);
  const changed = await api.call('PUT', `${SVCS}/a`, { ...a.json, spec: { ...a.json.spec, clusterIP: '10.43.200.200', clusterIPs: ['10.43.200.200'] } });
  t.equal(changed.status, 422);
  t.match(changed.json.message, /may not change once set/);
  t.equal((await api.call('DELETE', `${SVCS}/np`)).status, 200);
  const reuse = await api.call('POST', SVCS, svc('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
  t.equal(reuse.status, 201, 'a deleted service gives its node port back');
  const headless = await api.call('POST', SVCS, svc('h', { clusterIP: 'None' }));
  t.equal(headless.json.spec.clusterIP, 'None');
});

t.test('the scale subresource reads and writes spec.replicas', async (t) => {
  const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
  const d = await api.call('POST', DEPLOYS, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    },
  });
  t.equal(d.status, 201);
  const s = await api.call('GET', `${DEPLOYS}/web/scale`);
  t.match(s.json, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web' }, spec: { replicas: 1 }, status: { replicas: 0, selector: 'app=web' } });
  const patched = await api.call('PATCH', `${DEPLOYS}/web/scale`, { spec: { replicas: 3 } }, { 'content-type': 'application/merge-patch+json' });
  t.equal(patched.status, 200);
  t.equal(patched.json.spec.replicas, 3);
  const after = await api.call('GET', `${DEPLOYS}/web`);
  t.equal(after.json.spec.replicas, 3);
  t.equal(after.json.metadata.generation, 2, 'a replicas change bumps the generation');
  const stale = await api.call('PUT', `${DEPLOYS}/web/scale`, { ...s.json, spec: { replicas: 5 } });
  t.equal(stale.status, 409, 'a Scale with an old resourceVersion conflicts');
  const negative = await api.call('PATCH', `${DEPLOYS}/web/scale`, { spec: { replicas: -1 } }, { 'content-type': 'application/merge-patch+json' });
  t.equal(negative.status, 422);
});

t.test('resourceVersion on lists: Exact reads the past, NotOlderThan refuses the future', async (t) => {
  const NS = '/api/v1/namespaces/kube-public/configmaps';
  const a = await api.call('POST', NS, cm('rv-a', { v: 'old' }));
  const rv = a.json.metadata.resourceVersion;
  await api.call('PUT', `${NS}/rv-a`, { ...a.json, data: { v: 'new' } });
  const exact = await api.call('GET', `${NS}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
  t.equal(exact.json.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'rv-a').data.v, 'old');
  t.equal(exact.json.metadata.resourceVersion, rv);
  const latest = await api.call('GET', `${NS}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`);
  t.equal(latest.json.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'rv-a').data.v, 'new');
  const future = await api.call('GET', `${NS}?resourceVersion=99999999`);
  t.equal(future.status, 504);
  t.match(future.json.message, /Too large resource version: 99999999/);
  const badMatch = await api.call('GET', `${NS}?resourceVersionMatch=Exact`);
  t.equal(badMatch.status, 400);
});

t.test('names that are not valid for their kind get 422 with the field and upstream text', async (t) => {
  const bad = await api.call('POST', CMS, cm('Bad_Name'));
  t.equal(bad.status, 422);
  t.match(bad.json, {
    reason: 'Invalid',
    message: /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/,
    details: { name: 'Bad_Name', kind: 'ConfigMap', causes: [{ field: 'metadata.name', reason: 'FieldValueInvalid' }] },
  });
  const ns = await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } });
  t.match(ns.json.message, /RFC 1123 label/);
  const svc = await api.call('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: '1svc' }, spec: { ports: [{ port: 80 }] } });
  t.match(svc.json.message, /DNS-1035 label/);
  const role = await api.call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:test:reader' }, rules: [] });
  t.equal(role.status, 201, 'RBAC names are path segments: colons are fine');
});

t.test('a new pod is Pending with its QoS class', async (t) => {
  const pod = (name: string, resources: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox', resources }] },
    status: { phase: 'Running' },
  });
  const PODS = '/api/v1/namespaces/default/pods';
  const best = await api.call('POST', PODS, pod('best', {}));
  t.same(best.json.status, { phase: 'Pending', qosClass: 'BestEffort' }, 'a client cannot set status on create');
  const burst = await api.call('POST', PODS, pod('burst', { requests: { cpu: '100m' } }));
  t.equal(burst.json.status.qosClass, 'Burstable');
  const guaranteed = await api.call('POST', PODS, pod('guaranteed', { limits: { cpu: '1', memory: '1Gi' } }));
  t.equal(guaranteed.json.status.qosClass, 'Guaranteed');
});

t.test('patches are held to fieldValidation like bodies', async (t) => {
  await api.call('POST', CMS, cm('fv'));
  const merge = { 'content-type': 'application/merge-patch+json' };
  const strict = await api.call('PATCH', `${CMS}/fv?fieldValidation=Strict`, { datax: { a: 'b' } }, merge);
  t.equal(strict.status, 400);
  t.match(strict.json.message, /strict decoding error: unknown field "datax"/);
  const warn = await api.call('PATCH', `${CMS}/fv?fieldValidation=Warn`, { data: { b: '2' }, datay: 1 }, merge);
  t.equal(warn.status, 200);
  t.match(String(warn.headers.warning), /299 - "unknown field \\"datay\\""/);
  t.notOk('datay' in warn.json, 'an unknown field that only warned is not stored');
  const created = await api.call('POST', `${CMS}?fieldValidation=Ignore`, { ...cm('fv2'), spec: { x: 1 } });
  t.equal(created.status, 201);
  t.notOk('spec' in created.json, 'unknown fields of a new object are dropped');
  const wrongType = await api.call('PATCH', `${CMS}/fv`, { data: { a: 1 } }, merge);
  t.equal(wrongType.status, 400, 'a wrong type is refused in every mode');
  t.equal((await api.call('GET', `${CMS}/fv`)).json.data.a, '1', 'nothing stored changed');
});

t.test('no client certificate: 401 Unauthorized as a Status', async (t) => {
  const { request } = await import('node:https');
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: api.port, path: '/api/v1/namespaces', ca: api.ca }, (r) => {
      let body = '';
      r.on('data', (c) => (body += c));
      r.on('end', () => resolve({ status: r.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
  t.equal(res.status, 401);
  t.match(JSON.parse(res.body), { kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
});

t.test('allocations without a service are released at start, and missing ones restored', async (t) => {
  const { bootstrapObjects } = await import('../../apiserver/bootstrap.js');
  const key = Buffer.from('/registry/k8ts/serviceips/10.43.99.99');
  await api.backend.put(key, Buffer.from('default/ghost'));
  const k8s = Buffer.from('/registry/k8ts/serviceips/10.43.0.1');
  await api.backend.deleteRange(k8s);
  await bootstrapObjects(api.api.store);
  t.equal((await api.backend.range(key)).kvs.length, 0, 'the leaked IP is free again');
  t.equal((await api.backend.range(k8s)).kvs[0]?.value.toString(), 'default/kubernetes', 'the kubernetes service holds its IP again');
});

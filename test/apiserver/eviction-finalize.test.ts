// The eviction subresource honours PodDisruptionBudgets as upstream; namespaces/finalize lets the
// namespace controller release a Terminating namespace, which then leaves.
import t from 'tap';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

const evict = (name: string) => api.call('POST', `/api/v1/namespaces/default/pods/${name}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });

t.test('eviction and disruption budgets', async (t) => {
  for (const name of ['a', 'b', 'lone']) {
    await api.call('POST', '/api/v1/namespaces/default/pods', { metadata: { name, labels: { app: name === 'lone' ? 'solo' : 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const pod = (await api.call('GET', `/api/v1/namespaces/default/pods/${name}`)).json;
    await api.call('PUT', `/api/v1/namespaces/default/pods/${name}/status`, { ...pod, status: { phase: 'Running' } });
  }
  const pdb = await api.call('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', { metadata: { name: 'web-pdb' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
  t.equal(pdb.status, 201);
  const unprocessed = await evict('a');
  t.equal(unprocessed.status, 429);
  t.match(unprocessed.json, { reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget.", details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb is still being processed by the server.' }] } });
  // What the disruption controller would write: 2 healthy, 2 needed.
  const current = (await api.call('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb')).json;
  await api.call('PUT', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb/status', { ...current, status: { observedGeneration: 1, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2, disruptionsAllowed: 0 } });
  const refused = await evict('a');
  t.equal(refused.status, 429);
  t.equal(refused.json.details.causes[0].message, 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently');
  const again = (await api.call('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb')).json;
  await api.call('PUT', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb/status', { ...again, status: { ...again.status, desiredHealthy: 1, disruptionsAllowed: 1 } });
  t.equal((await evict('a')).status, 201);
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/a')).status, 404, 'evicted (no node: deleted at once)');
  const after = (await api.call('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb')).json.status;
  t.equal(after.disruptionsAllowed, 0);
  t.ok(after.disruptedPods.a);
  t.equal((await evict('b')).status, 429, 'the budget is spent');
  t.equal((await evict('lone')).status, 201, 'no budget covers it');
});

t.test('a Terminating namespace leaves once finalized', async (t) => {
  await api.call('POST', '/api/v1/namespaces', { metadata: { name: 'gone' } });
  const del = await api.call('DELETE', '/api/v1/namespaces/gone');
  t.equal(del.status, 200);
  const ns = (await api.call('GET', '/api/v1/namespaces/gone')).json;
  t.equal(ns.status.phase, 'Terminating');
  t.same(ns.spec.finalizers, ['kubernetes']);
  const fin = await api.call('PUT', '/api/v1/namespaces/gone/finalize', { ...ns, spec: { finalizers: [] } });
  t.equal(fin.status, 200, fin.text);
  t.equal((await api.call('GET', '/api/v1/namespaces/gone')).status, 404);
});

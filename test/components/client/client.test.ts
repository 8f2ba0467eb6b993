// The typed client over both transports against a real apiserver: CRUD, patches, subresources,
// watches, and failures as ApiError with the server's Status.
import t from 'tap';
import type { V1ConfigMap, V1Pod } from '@kubernetes/client-node';
import { ApiError, isAlreadyExists, isConflict, isNotFound } from '../../../components/client/transport.js';
import { configMaps, pods } from '../../../components/client/resource-types.js';
import { kubeconfigCredentials } from '../../../components/client/transport-https.js';
import { startTestApi, type TestApi } from '../../helpers/in-process-api.js';
import { bothTransports, type NamedClient } from './api-clients.js';

let api: TestApi;
let clients: NamedClient[];
t.before(async () => {
  api = await startTestApi();
  clients = bothTransports(api);
});
t.teardown(async () => {
  for (const c of clients) c.close();
  await api.close();
});

interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; managedFields?: Array<{ manager: string }> };
  data?: Record<string, string>;
}

t.test('create, get, list, update, delete, with errors as ApiError', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const cms = client.resource<ConfigMap>(configMaps);
      const made = await cms.create({ metadata: { name: `a-${name}`, namespace: 'default', labels: { app: name } }, data: { k: '1' } });
      t.equal(made.kind, 'ConfigMap', 'kind and apiVersion come from the resource type');
      t.equal(made.metadata?.managedFields?.[0]?.manager, 'client-test', 'the client default fieldManager');
      const got = await cms.get(`a-${name}`, { namespace: 'default' });
      t.same(got.data, { k: '1' });

      const listed = await cms.list({ namespace: 'default', labelSelector: `app=${name}` });
      t.same(listed.items.map((i) => i.metadata?.name), [`a-${name}`]);
      t.ok(listed.metadata.resourceVersion);

      const updated = await cms.update({ ...got, data: { k: '2' } });
      t.same(updated.data, { k: '2' });
      const stale = await cms.update({ ...got, data: { k: '3' } }).catch((e: unknown) => e);
      t.ok(stale instanceof ApiError && isConflict(stale), 'a stale resourceVersion is a 409 Conflict');
      t.equal((stale as ApiError).code, 409);
      t.match((stale as ApiError).message, /the object has been modified/);

      const dup = await cms.create({ metadata: { name: `a-${name}`, namespace: 'default' } }).catch((e: unknown) => e);
      t.ok(isAlreadyExists(dup));
      t.equal((dup as ApiError).reason, 'AlreadyExists');

      const bad = await cms.create({ metadata: { name: 'Bad_Name', namespace: 'default' } }).catch((e: unknown) => e);
      t.equal((bad as ApiError).code, 422);
      t.equal((bad as ApiError).reason, 'Invalid');
      t.ok((bad as ApiError).details?.causes?.length);

      await cms.delete(`a-${name}`, { namespace: 'default' });
      const gone = await cms.get(`a-${name}`, { namespace: 'default' }).catch((e: unknown) => e);
      t.ok(gone instanceof ApiError && isNotFound(gone));
      t.equal((gone as ApiError).message, `configmaps "a-${name}" not found`);
      t.same((gone as ApiError).details, { name: `a-${name}`, kind: 'configmaps' });
      t.throws(() => cms.path(undefined, 'x'), TypeError, 'a namespaced object needs its namespace');
    });
  }
});

t.test('patches: merge, strategic, json, apply with force', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const cms = client.resource<ConfigMap>(configMaps);
      const cm = `p-${name}`;
      await cms.create({ metadata: { name: cm, namespace: 'default' }, data: { a: '1' } });
      t.same((await cms.patch(cm, { data: { b: '2' } }, { namespace: 'default', type: 'merge' })).data, { a: '1', b: '2' });
      t.same((await cms.patch(cm, { data: { c: '3' } }, { namespace: 'default', type: 'strategic' })).data, { a: '1', b: '2', c: '3' });
      const json = [{ op: 'remove', path: '/data/a' }];
      t.same((await cms.patch(cm, json, { namespace: 'default', type: 'json' })).data, { b: '2', c: '3' });

      const mine = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm, namespace: 'default' }, data: { b: 'mine' } };
      const conflict = await cms.apply(mine, { fieldManager: 'other' }).catch((e: unknown) => e);
      t.ok(isConflict(conflict), 'another manager owns data.b: apply conflicts');
      t.match((conflict as ApiError).message, /Apply failed with 1 conflict: conflict with "client-test"/);
      t.equal((conflict as ApiError).details?.causes?.[0]?.reason, 'FieldManagerConflict');
      const forced = await cms.apply(mine, { fieldManager: 'other', force: true });
      t.equal(forced.data?.b, 'mine', 'force takes the field over');
      t.ok(forced.metadata?.managedFields?.some((f) => f.manager === 'other'));
    });
  }
});

t.test('pods: updateStatus, binding and eviction subresources', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const podClient = client.resource<V1Pod>(pods);
      const pod = await podClient.create({ metadata: { name: `pod-${name}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      t.equal(pod.spec?.nodeName, undefined);
      const withStatus = await podClient.updateStatus({ ...pod, status: { ...pod.status, phase: 'Pending', message: 'waiting' } });
      t.equal(withStatus.status?.message, 'waiting');
      const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: `pod-${name}` }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } };
      await podClient.createSubresource(`pod-${name}`, 'binding', binding, { namespace: 'default' });
      t.equal((await podClient.get(`pod-${name}`, { namespace: 'default' })).spec?.nodeName, 'node-1');
      const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: `pod-${name}`, namespace: 'default' } };
      const evicted = await podClient.createSubresource(`pod-${name}`, 'eviction', eviction, { namespace: 'default' }).then(
        () => 'evicted',
        (e: unknown) => (e as ApiError).message,
      );
      // the apiserver does not serve pods/eviction yet: the client reaches the subresource either way
      t.match(evicted, /^evicted$|pods\/eviction is not served yet/);
    });
  }
});

t.test('watch from a resourceVersion, with bookmarks asked for', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const cms = client.resource<V1ConfigMap>(configMaps);
      const rv = (await cms.list({ namespace: 'default' })).metadata.resourceVersion;
      const abort = new AbortController();
      const events = await cms.watch({ namespace: 'default', resourceVersion: rv, allowWatchBookmarks: true }, abort.signal);
      await cms.create({ metadata: { name: `w-${name}`, namespace: 'default' } });
      await cms.delete(`w-${name}`, { namespace: 'default' });
      const seen: string[] = [];
      for await (const ev of events) {
        seen.push(`${ev.type} ${ev.object.metadata?.name}`);
        if (seen.length === 2) abort.abort();
      }
      t.same(seen, [`ADDED w-${name}`, `DELETED w-${name}`], 'the stream ends when the signal aborts');
      const old = await cms.watch({ namespace: 'default', resourceVersion: 'abc' }, new AbortController().signal).catch((e: unknown) => e);
      t.equal((old as ApiError).code, 400, 'a refused watch is an ApiError');
    });
  }
});

t.test('kubeconfig credentials: inline data, files and tokens', async (t) => {
  const yaml = `
current-context: b
clusters:
- name: c
  cluster: {server: 'https://10.0.0.1:6443', certificate-authority-data: ${Buffer.from('CA').toString('base64')}, insecure-skip-tls-verify: true}
contexts:
- {name: a, context: {cluster: c, user: u1}}
- {name: b, context: {cluster: c, user: u2}}
users:
- {name: u1, user: {client-certificate-data: ${Buffer.from('CERT').toString('base64')}, client-key-data: ${Buffer.from('KEY').toString('base64')}}}
- {name: u2, user: {token: abc}}
`;
  t.match(kubeconfigCredentials(yaml), { server: 'https://10.0.0.1:6443', ca: 'CA', token: 'abc', cert: undefined, insecureSkipTlsVerify: true });
  t.match(kubeconfigCredentials(yaml, { context: 'a' }), { cert: 'CERT', key: 'KEY', token: undefined });
  t.throws(() => kubeconfigCredentials(yaml, { context: 'z' }), /context "z" not found/);
});

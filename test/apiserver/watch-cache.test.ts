// The watch cache: one store watch per resource serves many watchers, lists at resourceVersion=0,
// replays its window, and sends watchers older than its window to the store.
import t from 'tap';
import { configmaps } from '../../apiserver/registry/core/configmaps.js';
import { ObjectStore } from '../../apiserver/storage/object-store.js';
import type { KubeObject } from '../../apiserver/registry/types.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';

const cm = (ns: string, name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, labels },
  data,
});

const settle = () => new Promise((r) => setTimeout(r, 20));

t.test('watchers are served from one cache, with namespaces and predicates', async (t) => {
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  const store = new ObjectStore(backend);
  t.teardown(async () => {
    store.close();
    await backend.close();
  });
  const first = await store.create(configmaps, cm('a', 'one'));
  await store.list(configmaps, undefined, { resourceVersion: '0' }); // starts the cache
  await settle();
  const rv0 = Number(first.metadata!.resourceVersion);

  const all: string[] = [];
  const onlyA: string[] = [];
  const labelled: string[] = [];
  const watch = (ns: string | undefined, out: string[], predicate?: (o: KubeObject) => boolean) =>
    store.watch(configmaps, ns, { resourceVersion: rv0, predicate }, {
      event: (type, o) => out.push(`${type} ${o.metadata!.namespace}/${o.metadata!.name}`),
      error: (e) => out.push(`ERROR ${e.message}`),
    });
  const c1 = watch(undefined, all);
  const c2 = watch('a', onlyA);
  const c3 = watch(undefined, labelled, (o) => o.metadata?.labels?.app === 'web');
  t.teardown(() => [c1, c2, c3].forEach((c) => c()));

  await store.create(configmaps, cm('a', 'two', {}, { app: 'web' }));
  await store.create(configmaps, cm('b', 'three'));
  await store.guaranteedUpdate(configmaps, 'a', 'two', (o) => ({ ...o, metadata: { ...o.metadata, labels: {} } }));
  await store.delete(configmaps, 'b', 'three');
  await settle();
  t.same(all, ['ADDED a/two', 'ADDED b/three', 'MODIFIED a/two', 'DELETED b/three']);
  t.same(onlyA, ['ADDED a/two', 'MODIFIED a/two']);
  t.same(labelled, ['ADDED a/two', 'DELETED a/two'], 'leaving the selector is a DELETED for that watcher');

  const listed = await store.list(configmaps, 'a', { resourceVersion: '0' });
  t.same(listed.items.map((o) => o.metadata!.name), ['one', 'two'], 'resourceVersion=0 lists from memory');

  // A late watcher from the first revision replays the window, in order, exactly once.
  const late: string[] = [];
  const c4 = watch(undefined, late);
  t.teardown(c4);
  await settle();
  t.same(late, all);
  // From before the cache started: served by the store, still complete.
  const early: string[] = [];
  const c5 = store.watch(configmaps, undefined, { resourceVersion: 0 }, {
    event: (type, o) => early.push(`${type} ${o.metadata!.namespace}/${o.metadata!.name}`),
    error: () => undefined,
  });
  t.teardown(c5);
  await settle();
  t.same(early, ['ADDED a/one', ...all]);
});

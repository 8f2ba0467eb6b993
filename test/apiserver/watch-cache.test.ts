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

t.test('pod watches pinned to a node get exactly their node\'s events, the unscheduled watch its own', async (t) => {
  const { pods } = await import('../../apiserver/registry/core/pods.js');
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  const store = new ObjectStore(backend);
  t.teardown(async () => {
    store.close();
    await backend.close();
  });
  const pod = (name: string, nodeName?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns' }, spec: { containers: [], ...(nodeName ? { nodeName } : {}) } });
  const first = await store.create(pods, pod('p0'));
  await store.list(pods, undefined, { resourceVersion: '0' });
  await settle();
  const rv0 = Number(first.metadata!.resourceVersion);
  const seen: Record<string, string[]> = { a: [], b: [], '': [], all: [] };
  const watch = (node: string | undefined) => {
    const out = seen[node ?? 'all']!;
    const predicate = node === undefined ? undefined : (o: KubeObject) => ((o.spec as { nodeName?: string }).nodeName ?? '') === node;
    return store.watch(pods, undefined, { resourceVersion: rv0, predicate, nodeName: node }, {
      event: (type, o) => out.push(`${type} ${o.metadata!.name}`),
      error: (e) => out.push(`ERROR ${e.message}`),
    });
  };
  const cancels = [watch('a'), watch('b'), watch(''), watch(undefined)];
  t.teardown(() => cancels.forEach((c) => c()));
  await store.create(pods, pod('p1'));
  await store.guaranteedUpdate(pods, 'ns', 'p1', (o) => ({ ...o, spec: { ...(o.spec as object), nodeName: 'a' } }));
  await store.create(pods, pod('p2', 'b'));
  await store.guaranteedUpdate(pods, 'ns', 'p2', (o) => ({ ...o, metadata: { ...o.metadata, labels: { x: 'y' } } }));
  await store.delete(pods, 'ns', 'p1');
  await settle();
  t.same(seen.a, ['ADDED p1', 'DELETED p1'], 'node a: its pod arriving by binding, then deleted');
  t.same(seen.b, ['ADDED p2', 'MODIFIED p2'], 'node b: only its own pod');
  t.same(seen[''], ['ADDED p1', 'DELETED p1'], 'the unscheduled watch loses the pod when it is bound');
  t.same(seen.all, ['ADDED p1', 'MODIFIED p1', 'ADDED p2', 'MODIFIED p2', 'DELETED p1']);
  cancels[0]!();
  await store.create(pods, pod('p3', 'a'));
  await settle();
  t.same(seen.a, ['ADDED p1', 'DELETED p1'], 'a cancelled pinned watch hears nothing more');
});

const withUid = (o: KubeObject, uid: string): KubeObject => ({ ...o, metadata: { ...o.metadata, uid } });

t.test('updates start from the cached object; a cache that lags costs a retry, never a lost write', async (t) => {
  // Two API servers on one store (as on a shared etcd): `a` sees the other's writes only when `held`
  // events are let through, so its cache can be made to lag.
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  let held: Array<() => void> | undefined;
  const lagging = new Proxy(backend, {
    get(target, prop, receiver) {
      if (prop !== 'watch') return Reflect.get(target, prop, receiver);
      return (key: Buffer, options: Parameters<EmbeddedBackend['watch']>[1], listener: Parameters<EmbeddedBackend['watch']>[2]) =>
        target.watch(key, options, { ...listener, events: (...args) => (held ? held.push(() => listener.events(...args)) : listener.events(...args)) });
    },
  });
  const a = new ObjectStore(lagging);
  const b = new ObjectStore(backend);
  t.teardown(async () => {
    a.close();
    b.close();
    await backend.close();
  });
  await a.create(configmaps, withUid(cm('ns', 'shared', { from: 'start' }), 'uid-1'));
  await a.list(configmaps, undefined, { resourceVersion: '0' }); // starts a's cache
  await settle();

  held = [];
  await b.guaranteedUpdate(configmaps, 'ns', 'shared', (o) => ({ ...o, data: { ...(o.data as object), b: 'yes' } }));
  const seen: string[] = [];
  const { object } = await a.guaranteedUpdate(configmaps, 'ns', 'shared', (o) => {
    seen.push(JSON.stringify(o.data));
    return { ...o, data: { ...(o.data as object), a: 'yes' } };
  });
  t.same(seen, ['{"from":"start"}', '{"from":"start","b":"yes"}'], 'tried on the cached object, then again on the stored one');
  t.same(object.data, { from: 'start', b: 'yes', a: 'yes' }, 'both writes kept');
  t.same((await b.get(configmaps, 'ns', 'shared'))!.data, { from: 'start', b: 'yes', a: 'yes' });

  // The object was deleted and made again behind the cache's back: a uid precondition of the new object
  // fails on the cached one, and holds on the stored one.
  await b.delete(configmaps, 'ns', 'shared');
  const again = await b.create(configmaps, withUid(cm('ns', 'shared', { generation: 'two' }), 'uid-2'));
  const { object: updated } = await a.guaranteedUpdate(configmaps, 'ns', 'shared', (o) => ({ ...o, data: { ...(o.data as object), c: 'yes' } }), { uid: again.metadata!.uid });
  t.same(updated.data, { generation: 'two', c: 'yes' });

  // A refusal on the cached object counts only if the stored one is the same.
  const refused = a.guaranteedUpdate(configmaps, 'ns', 'shared', (o) => {
    if (!(o.data as Record<string, string>).c) throw new Error('no c yet');
    return o;
  });
  await t.resolves(refused, 'the stored object has c: the refusal on the stale one did not count');
  for (const release of held.splice(0)) release();
  held = undefined;
  await settle();
  await t.rejects(
    a.guaranteedUpdate(configmaps, 'ns', 'shared', () => {
      throw new Error('refused');
    }),
    /refused/,
    'a refusal on an up-to-date cache stands',
  );
});

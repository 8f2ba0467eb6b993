// Informers against a real apiserver over both transports: sync, handlers, indexers and listers, one
// informer per resource from the factory, and a relist after a 410 that hid changes from the watch.
import t from 'tap';
import type { V1Pod } from '@kubernetes/client-node';
import type { KubeObject, ListOptions, WatchOptions } from '../../../components/client/client.js';
import { DeletedFinalStateUnknown, Informer, type ListerWatcher } from '../../../components/client/informer.js';
import { configMaps, pods } from '../../../components/client/resource-types.js';
import { SharedInformerFactory } from '../../../components/client/shared-informer-factory.js';
import { NODE_NAME_INDEX, OWNER_UID_INDEX } from '../../../components/client/store.js';
import type { WatchEvent } from '../../../components/client/transport.js';
import { startTestApi, type TestApi } from '../../helpers/in-process-api.js';
import { bothTransports, eventually, type NamedClient } from './api-clients.js';

let api: TestApi;
let clients: NamedClient[];
t.before(async () => {
  api = await startTestApi();
  clients = bothTransports(api);
  const ns = clients[0]!.client.resource({ group: '', version: 'v1', plural: 'namespaces', namespaced: false, kind: 'Namespace' });
  for (const c of clients) await ns.create({ metadata: { name: `inf-${c.name}` } });
});
t.teardown(async () => {
  for (const c of clients) c.close();
  await api.close();
});

const pod = (ns: string, name: string, o: { node?: string; owner?: string } = {}): V1Pod => ({
  metadata: {
    name,
    namespace: ns,
    ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: o.owner, controller: true }] } : {}),
  },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...(o.node ? { nodeName: o.node } : {}) },
});

t.test('sync, add/update/delete, indexers and listers, one informer per resource', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const ns = `inf-${name}`;
      const podClient = client.resource<V1Pod>(pods);
      await podClient.create(pod(ns, 'before', { node: 'n1' }));
      const factory = new SharedInformerFactory(client);
      const informer = factory.informerFor<V1Pod>(pods);
      t.equal(factory.informerFor<V1Pod>(pods), informer, 'every consumer gets the same informer');
      const seen: string[] = [];
      informer.addEventHandler({
        add: (p) => p.metadata?.namespace === ns && seen.push(`add ${p.metadata.name}`),
        update: (a, b) => b.metadata?.namespace === ns && seen.push(`update ${b.metadata.name} ${a.spec?.nodeName ?? '-'}->${b.spec?.nodeName ?? '-'}`),
        delete: (p) => {
          const obj = p instanceof DeletedFinalStateUnknown ? p.obj : p;
          if (obj.metadata?.namespace === ns) seen.push(`delete ${obj.metadata.name}`);
        },
      });
      const stop = new AbortController();
      t.teardown(() => stop.abort());
      t.equal(informer.hasSynced(), false);
      factory.start(stop.signal);
      t.ok(await factory.waitForCacheSync(stop.signal));
      t.ok(informer.hasSynced());
      t.same(seen, ['add before']);

      const owner = name === 'https' ? '00000000-0000-0000-0000-000000000001' : '00000000-0000-0000-0000-000000000002';
      const node = `n2-${name}`;
      await podClient.create(pod(ns, 'owned', { owner }));
      await podClient.createSubresource('owned', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'owned' }, target: { kind: 'Node', name: node } }, { namespace: ns });
      await podClient.delete('before', { namespace: ns, gracePeriodSeconds: 0 });
      await eventually(() => seen.length >= 4 && informer.lister.get(ns, 'before') === undefined);
      t.same(seen, ['add before', 'add owned', `update owned -->${node}`, 'delete before']);

      t.same(informer.lister.list(ns).map((p) => p.metadata?.name), ['owned']);
      t.equal(informer.lister.get(ns, 'owned')?.spec?.nodeName, node);
      t.same(informer.lister.byIndex(NODE_NAME_INDEX, node).map((p) => p.metadata?.name), ['owned']);
      t.same(informer.lister.byIndex(NODE_NAME_INDEX, 'n1').filter((p) => p.metadata?.namespace === ns), []);
      t.same(informer.lister.byIndex(OWNER_UID_INDEX, owner).map((p) => p.metadata?.name), ['owned']);
    });
  }
});

/** A real resource client whose watches the test can cut, hold back, and answer with 410 once. */
class Interruptible<T extends KubeObject> implements ListerWatcher<T> {
  private held?: Promise<void>;
  private release?: () => void;
  private cut = new AbortController();
  expireNext = false;
  lists = 0;
  constructor(private readonly inner: ListerWatcher<T>) {}

  list(o: ListOptions) {
    this.lists++;
    return this.inner.list(o);
  }

  async watch(o: WatchOptions, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>> {
    await this.held;
    if (this.expireNext) {
      this.expireNext = false;
      return (async function* () {
        yield { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } } as unknown as WatchEvent<T>;
      })();
    }
    this.cut = new AbortController();
    return this.inner.watch(o, AbortSignal.any([signal, this.cut.signal]));
  }

  /** End the current watch and hold the next one back until resume(). */
  pause(): void {
    this.held = new Promise((r) => (this.release = r));
    this.cut.abort();
  }

  resume(): void {
    this.release?.();
  }
}

t.test('after a 410 the informer relists and delivers what it missed', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const ns = `inf-${name}`;
      const cms = client.resource(configMaps);
      await cms.create({ metadata: { name: 'stays', namespace: ns } });
      await cms.create({ metadata: { name: 'goes', namespace: ns } });
      await cms.create({ metadata: { name: 'changes', namespace: ns, labels: { v: '1' } } });
      const source = new Interruptible(cms);
      const informer = new Informer({ source, namespace: ns, watchTimeoutSeconds: () => 60 });
      const seen: string[] = [];
      informer.addEventHandler({
        add: (o) => seen.push(`add ${o.metadata?.name}`),
        update: (_, o) => seen.push(`update ${o.metadata?.name}`),
        delete: (o) => seen.push(o instanceof DeletedFinalStateUnknown ? `tombstone ${o.key}` : `delete ${o.metadata?.name}`),
      });
      const stop = new AbortController();
      t.teardown(() => stop.abort());
      void informer.run(stop.signal);
      await informer.waitForSync();
      seen.length = 0;

      source.pause();
      await cms.delete('goes', { namespace: ns });
      await cms.patch('changes', { metadata: { labels: { v: '2' } } }, { namespace: ns, type: 'merge' });
      await cms.create({ metadata: { name: 'new', namespace: ns } });
      source.expireNext = true;
      source.resume();
      await eventually(() => seen.length >= 3);
      t.equal(source.lists, 2, 'relisted once');
      t.same(seen.sort(), ['add new', 'tombstone inf-' + name + '/goes', 'update changes']);
      t.same(informer.lister.list(ns).map((o) => o.metadata?.name).sort(), ['changes', 'kube-root-ca.crt', 'new', 'stays']);
      await cms.create({ metadata: { name: 'after', namespace: ns } });
      await eventually(() => seen.includes('add after'));
      t.ok(seen.includes('add after'), 'and watches again from the new list');
    });
  }
});

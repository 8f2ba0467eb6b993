// Events as client-go records them, against a real apiserver over both transports: identical events
// fold into one with a count, names are `<object>.<hex nanos>`, floods of similar messages combine.
import t from 'tap';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { EventRecorder, type CoreEvent } from '../../../components/client/event-recorder.js';
import { configMaps, events } from '../../../components/client/resource-types.js';
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

t.test('two identical events make one Event with count 2; another message makes another', async (t) => {
  for (const { name, client } of clients) {
    t.test(name, async (t) => {
      const clock = new FakeClock(Date.parse('2025-01-02T03:04:05Z'));
      const cm = await client.resource<V1ConfigMap>(configMaps).create({ metadata: { name: `ev-${name}`, namespace: 'default' } });
      const recorder = new EventRecorder({ client, component: 'test-controller', host: 'node-a', clock });
      recorder.event(cm, 'Normal', 'Synced', 'synced it');
      await clock.advance(7000);
      recorder.event(cm, 'Normal', 'Synced', 'synced it');
      recorder.event(cm, 'Warning', 'Failed', 'it broke');
      await recorder.flush();

      const list = await client.resource<CoreEvent>(events).list({ namespace: 'default', fieldSelector: `involvedObject.name=ev-${name}` });
      const byReason = new Map(list.items.map((e) => [e.reason, e]));
      t.equal(list.items.length, 2);
      const synced = byReason.get('Synced')!;
      t.match(synced, {
        count: 2,
        firstTimestamp: '2025-01-02T03:04:05Z',
        lastTimestamp: '2025-01-02T03:04:12Z',
        type: 'Normal',
        message: 'synced it',
        source: { component: 'test-controller', host: 'node-a' },
        reportingComponent: 'test-controller',
        reportingInstance: 'node-a',
        involvedObject: { kind: 'ConfigMap', apiVersion: 'v1', name: `ev-${name}`, namespace: 'default', uid: cm.metadata!.uid },
      });
      const nanos = BigInt(Date.parse('2025-01-02T03:04:05Z')) * 1_000_000n;
      t.equal(synced.metadata?.name, `ev-${name}.${nanos.toString(16)}`, 'named <object>.<unix nanos in hex>');
      t.match(byReason.get('Failed'), { count: 1, type: 'Warning' });
    });
  }
});

t.test('a cluster-scoped object gets its events in default; a deleted Event is created again', async (t) => {
  const { client } = clients[0]!;
  const clock = new FakeClock(Date.parse('2025-01-02T03:04:05Z'));
  const recorder = new EventRecorder({ client, component: 'kubelet', clock });
  const node = { kind: 'Node', apiVersion: 'v1', metadata: { name: 'node-x', uid: 'u-1' } };
  recorder.event(node, 'Normal', 'Starting', 'Starting kubelet.');
  await recorder.flush();
  const evs = client.resource<CoreEvent>(events);
  const [first] = (await evs.list({ namespace: 'default', fieldSelector: 'involvedObject.name=node-x' })).items;
  t.match(first, { count: 1, involvedObject: { kind: 'Node', name: 'node-x' }, source: { component: 'kubelet' } });
  await evs.delete(first!.metadata!.name!, { namespace: 'default' });
  recorder.event(node, 'Normal', 'Starting', 'Starting kubelet.');
  await recorder.flush();
  const again = (await evs.list({ namespace: 'default', fieldSelector: 'involvedObject.name=node-x' })).items;
  t.equal(again.length, 1);
  t.equal(again[0]!.count, 2, 'the patch found nothing: created, with the count so far');
});

t.test('ten different messages for one object and reason within 10 minutes are combined', async (t) => {
  const { client } = clients[0]!;
  const clock = new FakeClock(Date.parse('2025-01-02T03:04:05Z'));
  const recorder = new EventRecorder({ client, component: 'flood', clock });
  const ref = { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'flood-pod', uid: 'u-2' };
  for (let i = 0; i < 12; i++) {
    recorder.event(ref, 'Warning', 'BackOff', `message ${i}`);
    await clock.advance(1000);
  }
  await recorder.flush();
  const items = (await client.resource<CoreEvent>(events).list({ namespace: 'default', fieldSelector: 'involvedObject.name=flood-pod' })).items;
  t.equal(items.length, 10, 'nine single events, then one combined');
  const combined = items.find((e) => e.message.startsWith('(combined from similar events): '))!;
  t.equal(combined.count, 3);
  t.equal(combined.message, '(combined from similar events): message 11');
});

t.test('the spam filter: 25 events per source and object, then one every 5 minutes', async (t) => {
  const { client } = clients[0]!;
  const clock = new FakeClock(Date.parse('2025-01-02T03:04:05Z'));
  const recorder = new EventRecorder({ client, component: 'spammer', clock });
  const ref = (name: string) => ({ kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: 'default', name, uid: `u-${name}` });
  // different reasons, so that aggregation (per reason) does not fold them first
  for (let i = 0; i < 30; i++) recorder.event(ref('spam-rs'), 'Normal', `Reason${i}`, 'created something');
  recorder.event(ref('other-rs'), 'Normal', 'Reason0', 'created something');
  await recorder.flush();
  const list = async (name: string) => (await client.resource<CoreEvent>(events).list({ namespace: 'default', fieldSelector: `involvedObject.name=${name}` })).items;
  t.equal((await list('spam-rs')).length, 25, 'the burst is written, the rest dropped');
  t.equal((await list('other-rs')).length, 1, 'another object has its own bucket');
  recorder.event(ref('spam-rs'), 'Normal', 'Later', 'created something');
  await recorder.flush();
  t.equal((await list('spam-rs')).length, 25, 'no token yet');
  await clock.advance(300_000);
  recorder.event(ref('spam-rs'), 'Normal', 'MuchLater', 'created something');
  recorder.event(ref('spam-rs'), 'Normal', 'MuchLater2', 'created something');
  await recorder.flush();
  const after = await list('spam-rs');
  t.equal(after.length, 26, 'one token came back after 5 minutes');
  t.ok(after.some((e) => e.reason === 'MuchLater'));
});

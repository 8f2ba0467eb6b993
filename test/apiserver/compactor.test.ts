import t from 'tap';
import { Compactor } from '../../apiserver/storage/compactor.js';
import { CompactedError } from '../../kine/errors.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';

t.test('each tick compacts to the revision the previous tick saw', async (t) => {
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  t.teardown(() => backend.close());
  const c = new Compactor(backend);
  const put = (v: string) => backend.put(Buffer.from('/registry/x'), Buffer.from(v));
  await put('0');
  await put('1');
  const first = await backend.currentRevision();
  t.equal(await c.tick(), undefined, 'the first tick only remembers');
  await put('2');
  await put('3');
  t.equal(await c.tick(), first, 'the second compacts to what the first saw');
  await t.rejects(backend.range(Buffer.from('/registry/x'), { revision: first - 1 }), CompactedError);
  const r = await backend.range(Buffer.from('/registry/x'));
  t.equal(r.kvs[0]!.value.toString(), '3', 'the latest state is intact');
  t.equal(await c.tick(), first + 2, 'and so on');
});

// kill -9 of `k8ts kine` in the middle of a write stream loses no acknowledged write.
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { etcdserverpb } from '../../kine/grpc/proto.js';
import { startKine } from '../helpers/kine-process.js';

type Callback = (err: grpc.ServiceError | null, res: { header: { revision: string }; kvs?: Array<{ key: Buffer; value: Buffer }> }) => void;
interface KVClient extends grpc.Client {
  Put(req: object, cb: Callback): void;
  Range(req: object, cb: Callback): void;
}

const call = (c: KVClient, method: 'Put' | 'Range', req: object) =>
  new Promise<{ header: { revision: string }; kvs?: Array<{ key: Buffer; value: Buffer }> }>((resolve, reject) =>
    c[method](req, (err, res) => (err ? reject(err) : resolve(res))),
  );

t.test('acknowledged writes survive kill -9, and revisions keep increasing', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-crash-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const acked = new Map<string, { value: string; revision: number }>();
  // A write in flight at the kill may or may not have committed: either value is correct for its key.
  const inFlight = new Map<string, string>();
  const intact = (stored: Map<string, string>, k: string, v: { value: string }) =>
    stored.get(k) === v.value || stored.get(k) === inFlight.get(k);
  let lastRevision = 0;
  let backwards = 0;

  for (let round = 0; round < 3; round++) {
    const kine = await startKine({ dataDir });
    const KV = etcdserverpb().KV!;
    const client = new KV(kine.endpoint, grpc.credentials.createInsecure()) as unknown as KVClient;

    // Everything acknowledged before (in earlier rounds) is here.
    const all = await call(client, 'Range', { key: Buffer.from('/crash/'), range_end: Buffer.from('/crash0') });
    const stored = new Map(all.kvs!.map((kv) => [kv.key.toString(), kv.value.toString()]));
    let missing = 0;
    for (const [k, v] of acked) if (!intact(stored, k, v)) missing++;
    t.equal(missing, 0, `round ${round}: all ${acked.size} acknowledged writes are stored`);

    // 16 writers put distinct keys (and overwrite some) until the server dies under them.
    let stop = false;
    let inRound = 0;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const key = `/crash/${round}/${w}/${i % 50}`;
        const value = `${round}-${w}-${i}-${'x'.repeat(100)}`;
        try {
          inFlight.set(key, value);
          const res = await call(client, 'Put', { key: Buffer.from(key), value: Buffer.from(value) });
          const revision = Number(res.header.revision);
          if (revision <= lastRevision) backwards++;
          acked.set(key, { value, revision });
          inFlight.delete(key);
          inRound++;
        } catch {
          return; // the server is gone: this write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    while (inRound < 300 + round * 200) await new Promise((r) => setTimeout(r, 5));
    await kine.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);
    client.close();
    lastRevision = Math.max(...[...acked.values()].map((v) => v.revision));
  }

  const kine = await startKine({ dataDir });
  t.teardown(() => kine.stop());
  const client = new (etcdserverpb().KV!)(kine.endpoint, grpc.credentials.createInsecure()) as unknown as KVClient;
  const all = await call(client, 'Range', { key: Buffer.from('/crash/'), range_end: Buffer.from('/crash0') });
  const stored = new Map(all.kvs!.map((kv) => [kv.key.toString(), kv.value.toString()]));
  t.equal(backwards, 0, 'no write after a restart got a revision at or below one acknowledged before it');
  const lost = [...acked].filter(([k, v]) => !intact(stored, k, v));
  t.same(lost, [], `every one of ${acked.size} acknowledged keys has its last acknowledged value`);
  const next = await call(client, 'Put', { key: Buffer.from('/crash/after'), value: Buffer.from('1') });
  t.ok(Number(next.header.revision) > lastRevision, 'a write after the last restart gets a higher revision');
  client.close();
});

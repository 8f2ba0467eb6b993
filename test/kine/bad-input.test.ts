// Bad input to `k8ts kine` gets a clear error and loses nothing already stored.
import * as grpc from '@grpc/grpc-js';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { etcdserverpb } from '../../kine/grpc/proto.js';
import { K8TS, startKine } from '../helpers/kine-process.js';

const run = promisify(execFile);
const ETCDCTL = '/usr/bin/etcdctl';

type Reply = { header: { revision: string }; kvs?: Array<{ key: Buffer; value: Buffer }> };
interface KVClient extends grpc.Client {
  Put(req: object, cb: (err: grpc.ServiceError | null, res: Reply) => void): void;
  Range(req: object, cb: (err: grpc.ServiceError | null, res: Reply) => void): void;
}
const call = (c: KVClient, method: 'Put' | 'Range', req: object) =>
  new Promise<Reply>((resolve, reject) => c[method](req, (err, res) => (err ? reject(err) : resolve(res))));

t.test('over-large values, malformed messages and odd keys', async (t) => {
  const kine = await startKine({ args: ['--max-request-bytes', '4096'] });
  t.teardown(() => kine.stop());
  const client = new (etcdserverpb().KV!)(kine.endpoint, grpc.credentials.createInsecure()) as unknown as KVClient;
  t.teardown(() => client.close());

  await call(client, 'Put', { key: Buffer.from('/keep'), value: Buffer.from('safe') });
  const big = await call(client, 'Put', { key: Buffer.from('/big'), value: Buffer.alloc(5000, 1) }).catch((e) => e);
  t.equal(big.code, grpc.status.INVALID_ARGUMENT);
  t.match(big.details, /etcdserver: request is too large \(5004 bytes > limit 4096 bytes\)/);
  const huge = await call(client, 'Put', { key: Buffer.from('/huge'), value: Buffer.alloc(1 << 20, 1) }).catch((e) => e);
  t.equal(huge.code, grpc.status.RESOURCE_EXHAUSTED, 'a message far over the limit is refused by the transport');
  const none = await call(client, 'Range', { key: Buffer.from('/big') });
  t.same(none.kvs, [], 'the refused value was not stored');

  // A message that is not a protobuf at all.
  const garbage = await new Promise<grpc.ServiceError>((resolve) =>
    client.makeUnaryRequest(
      '/etcdserverpb.KV/Range',
      () => Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]),
      (b: Buffer) => b,
      {},
      (err) => resolve(err!),
    ),
  );
  t.ok(garbage, 'a malformed request fails');
  t.not(garbage.code, grpc.status.OK);

  const empty = await call(client, 'Put', { key: Buffer.alloc(0), value: Buffer.from('x') }).catch((e) => e);
  t.equal(empty.code, grpc.status.INVALID_ARGUMENT);
  t.match(empty.details, /key is not provided/);

  const odd = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x00]);
  await call(client, 'Put', { key: odd, value: odd });
  const got = await call(client, 'Range', { key: odd });
  t.same(got.kvs![0]!.value, odd, 'keys and values of any bytes round-trip');

  const future = await call(client, 'Range', { key: Buffer.from('/keep'), revision: 1_000_000 }).catch((e) => e);
  t.equal(future.code, grpc.status.OUT_OF_RANGE);
  t.match(future.details, /required revision is a future revision/);

  const kept = await call(client, 'Range', { key: Buffer.from('/keep') });
  t.equal(kept.kvs![0]!.value.toString(), 'safe', 'what was stored before is intact');

  if (existsSync(ETCDCTL)) {
    const err = await run(ETCDCTL, ['--endpoints', kine.endpoint, 'put', '/big', 'x'.repeat(5000)], {
      env: { ...process.env, ETCDCTL_API: '3' },
    }).catch((e) => e);
    t.match(err.stderr, /request is too large/, 'etcdctl shows the limit error');
  }
});

t.test('a database in use by another process', async (t) => {
  const kine = await startKine();
  t.teardown(() => kine.stop());
  const second = spawnSync(process.execPath, [K8TS, 'kine', '--data-dir', kine.dataDir, '--listen-client-urls', 'http://127.0.0.1:0'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  t.equal(second.status, 1);
  t.match(second.stderr, /k8ts: kine: .*state\.db is in use by another process/);
  t.notMatch(second.stderr, /\n\s+at /, 'one clear line, no stack trace');
});

t.test('a corrupt database file is refused and left untouched', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-corrupt-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'db'));
  const file = join(dir, 'db', 'state.db');
  const junk = Buffer.from('this is not a sqlite database, just bytes '.repeat(200));
  writeFileSync(file, junk);
  const res = spawnSync(process.execPath, [K8TS, 'kine', '--data-dir', dir, '--listen-client-urls', 'http://127.0.0.1:0'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  t.equal(res.status, 1);
  t.match(res.stderr, /is not a valid k8ts database/);
  t.same(readFileSync(file), junk, 'the file is byte for byte what it was');
});

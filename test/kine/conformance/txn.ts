// Conformance: Txn — compares on every target, both branches, nested results, atomicity.
//
// Allowed difference: the embedded log gives every write of a multi-op txn its own revision, etcd gives
// them one. So these cases never assert equal revisions across a txn's writes, only that the header
// revision is at least every op's revision.
import type { ResponseOp, TxnRequest } from '../../../kine/backend.js';
import { InvalidArgumentError, LeaseNotFoundError } from '../../../kine/errors.js';
import { type Case, buf, prefixEnd } from './harness.js';

const putRev = (op: ResponseOp | undefined) => (op && 'put' in op ? op.put.revision : NaN);
const rangeVals = (op: ResponseOp | undefined) => (op && 'range' in op ? op.range.kvs.map((kv) => kv.value.toString()) : null);

export function txnCases(test: Case): void {
  test('compares on mod, create, version and value pick the branch', async (t, { b, k }) => {
    const c = await b.create(k('a'), buf('v1'));
    const u = await b.update(k('a'), buf('v2'), c.revision);
    const cases: Array<[string, TxnRequest['compare'], boolean]> = [
      ['mod =', [{ key: k('a'), target: 'mod', result: '=', operand: u.revision }], true],
      ['mod = stale', [{ key: k('a'), target: 'mod', result: '=', operand: c.revision }], false],
      ['mod >', [{ key: k('a'), target: 'mod', result: '>', operand: c.revision }], true],
      ['create =', [{ key: k('a'), target: 'create', result: '=', operand: c.revision }], true],
      ['create <', [{ key: k('a'), target: 'create', result: '<', operand: c.revision }], false],
      ['version =', [{ key: k('a'), target: 'version', result: '=', operand: 2 }], true],
      ['version !=', [{ key: k('a'), target: 'version', result: '!=', operand: 2 }], false],
      ['value =', [{ key: k('a'), target: 'value', result: '=', operand: buf('v2') }], true],
      ['value <', [{ key: k('a'), target: 'value', result: '<', operand: buf('v3') }], true],
      ['value = old', [{ key: k('a'), target: 'value', result: '=', operand: buf('v1') }], false],
      ['lease = 0', [{ key: k('a'), target: 'lease', result: '=', operand: 0n }], true],
      ['missing: version = 0', [{ key: k('none'), target: 'version', result: '=', operand: 0 }], true],
      ['missing: mod = 0', [{ key: k('none'), target: 'mod', result: '=', operand: 0 }], true],
      ['missing: value never matches', [{ key: k('none'), target: 'value', result: '!=', operand: buf('x') }], false],
      [
        'all must hold',
        [
          { key: k('a'), target: 'version', result: '=', operand: 2 },
          { key: k('a'), target: 'value', result: '=', operand: buf('nope') },
        ],
        false,
      ],
    ];
    for (const [name, compare, expected] of cases) {
      const r = await b.txn({ compare, success: [{ range: { key: k('a') } }], failure: [] });
      t.equal(r.succeeded, expected, name);
      t.equal(r.responses.length, expected ? 1 : 0, `${name}: only the chosen branch runs`);
    }
  });

  test('a compare over a range holds only if every key in it satisfies it', async (t, { b, k }) => {
    await b.put(k('r/1'), buf('same'));
    await b.put(k('r/2'), buf('same'));
    const compare = (v: string): TxnRequest['compare'] => [
      { key: k('r/'), rangeEnd: prefixEnd(k('r/')), target: 'value', result: '=', operand: buf(v) },
    ];
    t.equal((await b.txn({ compare: compare('same'), success: [], failure: [] })).succeeded, true);
    await b.put(k('r/2'), buf('other'));
    t.equal((await b.txn({ compare: compare('same'), success: [], failure: [] })).succeeded, false);
  });

  test('success and failure branches carry their responses', async (t, { b, k }) => {
    const c = await b.create(k('a'), buf('v1'));
    const win = await b.txn({
      compare: [{ key: k('a'), target: 'mod', result: '=', operand: c.revision }],
      success: [{ put: { key: k('a'), value: buf('v2'), prevKv: true } }, { range: { key: k('a') } }],
      failure: [{ range: { key: k('a') } }],
    });
    t.equal(win.succeeded, true);
    const put = win.responses[0];
    t.equal(put && 'put' in put ? put.put.prevKv?.value.toString() : null, 'v1');
    t.same(rangeVals(win.responses[1]), ['v2'], 'a range after a put in the same txn sees the put');
    t.ok(win.revision >= putRev(win.responses[0]));

    const lose = await b.txn({
      compare: [{ key: k('a'), target: 'mod', result: '=', operand: c.revision }],
      success: [{ put: { key: k('a'), value: buf('v3') } }],
      failure: [{ range: { key: k('a') } }],
    });
    t.equal(lose.succeeded, false);
    t.same(rangeVals(lose.responses[0]), ['v2'], 'the failure branch reads the current state');
    t.equal((await b.range(k('a'))).kvs[0]!.value.toString(), 'v2');
  });

  test("the apiserver's create, update and delete txns", async (t, { b, k }) => {
    const create = await b.txn({
      compare: [{ key: k('o'), target: 'mod', result: '=', operand: 0 }],
      success: [{ put: { key: k('o'), value: buf('obj1') } }],
      failure: [],
    });
    t.equal(create.succeeded, true);
    const rv = putRev(create.responses[0]);
    t.equal(rv, create.revision, 'resourceVersion comes from the put response header');
    const update = await b.txn({
      compare: [{ key: k('o'), target: 'mod', result: '=', operand: rv }],
      success: [{ put: { key: k('o'), value: buf('obj2') } }],
      failure: [{ range: { key: k('o') } }],
    });
    t.equal(update.succeeded, true);
    const stale = await b.txn({
      compare: [{ key: k('o'), target: 'mod', result: '=', operand: rv }],
      success: [{ deleteRange: { key: k('o'), prevKv: true } }],
      failure: [{ range: { key: k('o') } }],
    });
    t.same([stale.succeeded, rangeVals(stale.responses[0])], [false, ['obj2']]);
    const del = await b.txn({
      compare: [{ key: k('o'), target: 'mod', result: '=', operand: putRev(update.responses[0]) }],
      success: [{ deleteRange: { key: k('o'), prevKv: true } }],
      failure: [{ range: { key: k('o') } }],
    });
    const d = del.responses[0];
    t.same([del.succeeded, d && 'deleteRange' in d ? d.deleteRange.prevKvs.map((kv) => kv.value.toString()) : null], [true, ['obj2']]);
  });

  test('a multi-op txn is atomic, and its header revision covers every op', async (t, { b, k }) => {
    await b.put(k('z'), buf('doomed'));
    const before = await b.currentRevision();
    const r = await b.txn({
      compare: [],
      success: [
        { put: { key: k('x'), value: buf('1') } },
        { put: { key: k('y'), value: buf('2') } },
        { deleteRange: { key: k('z') } },
      ],
      failure: [],
    });
    t.equal(r.succeeded, true);
    for (const op of r.responses) {
      const rev = 'put' in op ? op.put.revision : 'deleteRange' in op ? op.deleteRange.revision : NaN;
      t.ok(rev > before && rev <= r.revision, 'op revision within the txn');
    }
    t.equal(await b.currentRevision(), r.revision);
    const now = await b.range(k(''), { rangeEnd: prefixEnd(k('')) });
    t.same(now.kvs.map((kv) => kv.value.toString()), ['1', '2']);

    // A txn whose second op fails leaves no trace of its first.
    await t.rejects(
      b.txn({
        compare: [],
        success: [{ put: { key: k('x'), value: buf('changed') } }, { put: { key: k('w'), value: buf('w'), lease: 424242n } }],
        failure: [],
      }),
      LeaseNotFoundError,
    );
    t.equal((await b.range(k('x'))).kvs[0]!.value.toString(), '1', 'all or nothing');
    t.equal((await b.range(k('w'))).count, 0);
    t.equal(await b.currentRevision(), r.revision, 'a failed txn does not move the revision');
  });

  test('nested txns return nested results', async (t, { b, k }) => {
    await b.put(k('a'), buf('outer'));
    const r = await b.txn({
      compare: [{ key: k('a'), target: 'value', result: '=', operand: buf('outer') }],
      success: [
        {
          txn: {
            compare: [{ key: k('b'), target: 'version', result: '=', operand: 0 }],
            success: [{ put: { key: k('b'), value: buf('inner') } }, { range: { key: k('b') } }],
            failure: [],
          },
        },
      ],
      failure: [],
    });
    t.equal(r.succeeded, true);
    const inner = r.responses[0];
    t.ok(inner && 'txn' in inner, 'a txn response');
    if (!inner || !('txn' in inner)) return;
    t.equal(inner.txn.succeeded, true);
    t.same(rangeVals(inner.txn.responses[1]), ['inner']);
    t.ok(r.revision >= putRev(inner.txn.responses[0]));
  });

  test('a branch that writes one key twice is refused', async (t, { b, k }) => {
    const twice = (ops: TxnRequest['success']) => b.txn({ compare: [], success: ops, failure: [] });
    await t.rejects(twice([{ put: { key: k('d'), value: buf('1') } }, { put: { key: k('d'), value: buf('2') } }]), InvalidArgumentError);
    await t.rejects(twice([{ put: { key: k('d'), value: buf('1') } }, { deleteRange: { key: k('d') } }]), InvalidArgumentError);
    await t.rejects(
      twice([{ deleteRange: { key: k(''), rangeEnd: prefixEnd(k('')) } }, { put: { key: k('d'), value: buf('1') } }]),
      InvalidArgumentError,
      'a put inside a deleted range',
    );
    const nested = (success: TxnRequest['success'], failure: TxnRequest['success']): TxnRequest['success'] => [
      { txn: { compare: [{ key: k('c'), target: 'version', result: '=', operand: 0 }], success, failure } },
    ];
    await t.rejects(
      twice([{ put: { key: k('d'), value: buf('1') } }, ...nested([{ put: { key: k('d'), value: buf('2') } }], [])]),
      InvalidArgumentError,
      'a put in a nested txn counts too',
    );
    await t.rejects(
      twice([{ put: { key: k('d'), value: buf('1') } }, ...nested([], [{ deleteRange: { key: k('d') } }])]),
      InvalidArgumentError,
      'so does a nested delete',
    );
    t.equal((await b.range(k('d'))).count, 0);
    const ok = await twice([
      { deleteRange: { key: k('e') } },
      { deleteRange: { key: k('e') } },
      ...nested([{ put: { key: k('d'), value: buf('then') } }], [{ put: { key: k('d'), value: buf('else') } }]),
    ]);
    t.equal(ok.succeeded, true, 'two deletes of one key, and one key put in both branches of a nested txn, are fine');
    t.equal((await b.range(k('d'))).kvs[0]?.value.toString(), 'then');
  });
}

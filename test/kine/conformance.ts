// The Backend conformance suite: every store (embedded SQLite, a real etcd) must behave as etcd does.
// Each case runs on a backend of its own from `make`, and writes only under a key namespace of its own,
// so that one etcd can serve the whole run.
//
// The one allowed difference: the embedded log gives every write of a multi-op txn its own revision,
// where etcd gives them one (see conformance/txn.ts).
import { compactCases } from './conformance/compact.js';
import { type MakeBackend, type Tap, cases } from './conformance/harness.js';
import { kvCases } from './conformance/kv.js';
import { leaseCases } from './conformance/lease.js';
import { rangeCases } from './conformance/range.js';
import { txnCases } from './conformance/txn.js';
import { watchCases } from './conformance/watch.js';

export type { BackendFixture, MakeBackend } from './conformance/harness.js';

/** Register the whole suite as subtests of `t`, under one subtest called `name`. */
export function conformance(t: Tap, name: string, make: MakeBackend): Promise<unknown> {
  return t.test(`conformance: ${name}`, async (t) => {
    const test = cases(t, make);
    kvCases(test);
    rangeCases(test);
    txnCases(test);
    watchCases(test);
    compactCases(test);
    leaseCases(test);
  });
}

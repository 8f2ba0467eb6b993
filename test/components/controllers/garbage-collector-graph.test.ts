// The garbage collector's ownership graph: which objects need a look after each change.
import t from 'tap';
import { OwnershipGraph } from '../../../components/controllers/garbage-collector/graph.js';

const obj = (uid: string, owners: Array<{ uid: string; block?: boolean }> = [], meta: { deletionTimestamp?: string; finalizers?: string[] } = {}) => ({
  metadata: { uid, name: uid, namespace: 'ns', ownerReferences: owners.map((o) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.uid, uid: o.uid, blockOwnerDeletion: o.block })), ...meta },
});

t.test('owners seen first: dependents need no look; deleting the owner queues them', async (t) => {
  const g = new OwnershipGraph();
  t.same(g.observe(obj('rs'), 'apps/v1', 'ReplicaSet'), { delete: [], orphan: [] });
  t.same(g.observe(obj('pod', [{ uid: 'rs', block: true }]), 'v1', 'Pod'), { delete: [], orphan: [] });
  t.same(g.dependents('rs').map((n) => n.uid), ['pod']);
  t.same(g.blockingDependents('rs').map((n) => n.uid), ['pod']);
  t.same(g.forget('rs'), { delete: ['pod'], orphan: [] });
});

t.test('an owner never seen: the dependent is verified', async (t) => {
  const g = new OwnershipGraph();
  t.same(g.observe(obj('pod', [{ uid: 'ghost' }]), 'v1', 'Pod').delete, ['pod']);
  t.equal(g.get('ghost')?.observed, false, 'a virtual node');
  t.same(g.observe(obj('ghost'), 'apps/v1', 'ReplicaSet').delete, [], 'then seen');
  t.equal(g.get('ghost')?.observed, true);
});

t.test('foreground and orphan transitions', async (t) => {
  const g = new OwnershipGraph();
  g.observe(obj('rs'), 'apps/v1', 'ReplicaSet');
  g.observe(obj('pod', [{ uid: 'rs', block: true }]), 'v1', 'Pod');
  const fg = g.observe(obj('rs', [], { deletionTimestamp: 'x', finalizers: ['foregroundDeletion'] }), 'apps/v1', 'ReplicaSet');
  t.same(fg.delete.sort(), ['pod', 'rs'], 'the owner and its dependents');
  t.same(g.forget('pod').delete, ['rs'], 'a dependent gone: the waiting owner looks again');
  const or = g.observe(obj('rs2', [], { deletionTimestamp: 'x', finalizers: ['orphan'] }), 'apps/v1', 'ReplicaSet');
  t.same(or.orphan, ['rs2']);
});

t.test('a dependent dropping its reference to a waiting owner wakes the owner', async (t) => {
  const g = new OwnershipGraph();
  g.observe(obj('rs', [], { deletionTimestamp: 'x', finalizers: ['foregroundDeletion'] }), 'apps/v1', 'ReplicaSet');
  g.observe(obj('pod', [{ uid: 'rs', block: true }]), 'v1', 'Pod');
  t.same(g.observe(obj('pod'), 'v1', 'Pod').delete, ['rs']);
  t.same(g.dependents('rs'), []);
});

// Lease-based leader election: the pure acquire/renew decision as a table, then two electors against a
// real apiserver (one in-process, one over HTTPS): one leads, the other takes over when it releases,
// and a leader that cannot renew stops leading.
import t from 'tap';
import { LeaderElector, microTime, nextLeaseSpec, type Lease, type LeaseSpec } from '../../../components/client/leader-election.js';
import { leases } from '../../../components/client/resource-types.js';
import { startTestApi, type TestApi } from '../../helpers/in-process-api.js';
import { bothTransports, type NamedClient } from './api-clients.js';

t.test('nextLeaseSpec: who may take or keep the lease', async (t) => {
  const now = Date.parse('2025-01-01T00:00:30Z');
  const at = (s: number) => microTime(Date.parse('2025-01-01T00:00:00Z') + s * 1000);
  const held = (holder: string, transitions = 3): LeaseSpec => ({ holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: at(0), renewTime: at(20), leaseTransitions: transitions });
  const cases: Array<{ name: string; current?: LeaseSpec; observedAgoMs: number; want: LeaseSpec | undefined }> = [
    { name: 'no lease: create it', observedAgoMs: 0, want: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: at(30), renewTime: at(30), leaseTransitions: 0 } },
    { name: 'held by another, seen changing 5 s ago: wait', current: held('other'), observedAgoMs: 5000, want: undefined },
    { name: 'held by another, unchanged for 15 s: take it', current: held('other'), observedAgoMs: 15_000, want: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: at(30), renewTime: at(30), leaseTransitions: 4 } },
    { name: 'ours: renew, keeping acquireTime and transitions', current: held('me'), observedAgoMs: 1000, want: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: at(0), renewTime: at(30), leaseTransitions: 3 } },
    { name: 'released (no holder): take it at once', current: { ...held(''), leaseDurationSeconds: 1 }, observedAgoMs: 0, want: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: at(30), renewTime: at(30), leaseTransitions: 4 } },
  ];
  for (const c of cases) {
    t.same(nextLeaseSpec(c.current, { identity: 'me', now, observedAt: now - c.observedAgoMs, leaseDurationMs: 15_000 }), c.want, c.name);
  }
  t.equal(microTime(Date.parse('2025-01-01T00:00:00.123Z')), '2025-01-01T00:00:00.123000Z');
});

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

/** Short periods on the real clock: the electors talk to a real server. */
const timing = { leaseDurationMs: 1000, renewDeadlineMs: 600, retryPeriodMs: 50 };

function elector(n: number, name: string, log: string[]) {
  const identity = `server-${n}`;
  let leadingSignal: AbortSignal | undefined;
  let started!: () => void;
  const leading = new Promise<void>((r) => (started = r));
  const e = new LeaderElector({
    client: clients[n]!.client,
    name,
    identity,
    ...timing,
    callbacks: {
      onStartedLeading: (signal) => {
        leadingSignal = signal;
        log.push(`${identity} leads`);
        started();
      },
      onStoppedLeading: () => log.push(`${identity} stopped`),
      onNewLeader: (id) => log.push(`${identity} sees ${id}`),
    },
  });
  return { e, identity, leading, signal: () => leadingSignal };
}

t.test('one leads; when it stops it releases and the other takes over', async (t) => {
  const log: string[] = [];
  const a = elector(0, 'k8ts-test', log);
  const b = elector(1, 'k8ts-test', log);
  const stopA = new AbortController();
  const stopB = new AbortController();
  const runA = a.e.run(stopA.signal);
  await a.leading;
  const runB = b.e.run(stopB.signal);
  await new Promise((r) => setTimeout(r, 300)); // several of b's retry periods: it must not win meanwhile
  t.equal(b.e.isLeader(), false);
  t.ok(a.e.isLeader());
  t.equal(b.e.leader(), 'server-0');

  const lease = clients[0]!.client.resource<Lease>(leases);
  const before = await lease.get('k8ts-test', { namespace: 'kube-system' });
  t.match(before.spec, { holderIdentity: 'server-0', leaseDurationSeconds: 1, leaseTransitions: 0 });

  stopA.abort();
  await runA;
  t.equal(a.signal()?.aborted, true, 'the leader signal aborted');
  await b.leading;
  const after = await lease.get('k8ts-test', { namespace: 'kube-system' });
  t.match(after.spec, { holderIdentity: 'server-1', leaseTransitions: 1 });
  t.not(after.spec?.acquireTime, before.spec?.acquireTime);
  stopB.abort();
  await runB;
  const released = await lease.get('k8ts-test', { namespace: 'kube-system' });
  t.match(released.spec, { holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 1 }, 'released on stop');
  const of = (id: string) => log.filter((l) => l.startsWith(id));
  t.same(of('server-0'), ['server-0 sees server-0', 'server-0 leads', 'server-0 stopped']);
  t.same(of('server-1'), ['server-1 sees server-0', 'server-1 sees server-1', 'server-1 leads', 'server-1 stopped']);
});

t.test('a leader that cannot renew within the deadline stops leading', async (t) => {
  const log: string[] = [];
  const a = elector(0, 'k8ts-lost', log);
  const stop = new AbortController();
  const run = a.e.run(stop.signal);
  await a.leading;
  // someone else takes the Lease by force: every renewal now finds it held
  const lease = clients[1]!.client.resource<Lease>(leases);
  const current = await lease.get('k8ts-lost', { namespace: 'kube-system' });
  await lease.update({ ...current, spec: { ...current.spec, holderIdentity: 'intruder', leaseDurationSeconds: 60 } });
  await run;
  t.equal(stop.signal.aborted, false, 'run returned on its own');
  t.equal(a.signal()?.aborted, true);
  t.equal(a.e.isLeader(), false);
  t.same(log, ['server-0 sees server-0', 'server-0 leads', 'server-0 sees intruder', 'server-0 stopped']);
  const after = await lease.get('k8ts-lost', { namespace: 'kube-system' });
  t.equal(after.spec?.holderIdentity, 'intruder', 'a lost lease is not released');
});

import t from 'tap';
import { endpoints } from '../../../components/client/resource-types.js';
import { computeSubsets, repackSubsets, endpointsController } from '../../../components/controllers/endpoints/index.js';
import type { Endpoints } from '../../../components/controllers/endpoints/endpoints-controller.js';
import type { Pod, Service } from '../../../components/controllers/support/api-types.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';
import { createService, podObject, runningPod } from './fixtures.js';

const svc = (o: Partial<Service['spec']> = {}): Service => ({
  metadata: { name: 'web', namespace: 'ns' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...o },
});
const pod = (name: string, ip: string, o: { ready?: boolean; port?: number; deleting?: boolean; phase?: string; noPort?: boolean } = {}): Pod => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: o.noPort ? [] : [{ name: 'http', containerPort: o.port ?? 8080 }] }] },
  status: { phase: o.phase ?? 'Running', podIP: ip, conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});

t.test('computeSubsets', async (t) => {
  const cases: Array<{ name: string; service: Service; pods: Pod[]; want: unknown }> = [
    { name: 'no pods', service: svc(), pods: [], want: [] },
    {
      name: 'ready and not ready share a subset',
      service: svc(),
      pods: [pod('a', '10.0.0.2'), pod('b', '10.0.0.1', { ready: false })],
      want: [{ addresses: ['10.0.0.2'], notReadyAddresses: ['10.0.0.1'], ports: [8080] }],
    },
    {
      name: 'named port resolved per pod: two subsets',
      service: svc(),
      pods: [pod('a', '10.0.0.1', { port: 8080 }), pod('b', '10.0.0.2', { port: 9090 }), pod('c', '10.0.0.3', { port: 8080 })],
      want: [
        { addresses: ['10.0.0.1', '10.0.0.3'], ports: [8080] },
        { addresses: ['10.0.0.2'], ports: [9090] },
      ],
    },
    { name: 'pod without the named port is left out', service: svc(), pods: [pod('a', '10.0.0.1', { noPort: true })], want: [] },
    { name: 'pod without IP skipped', service: svc(), pods: [pod('a', '')], want: [] },
    { name: 'terminating pod excluded', service: svc(), pods: [pod('a', '10.0.0.1', { deleting: true })], want: [] },
    { name: 'terminal pod excluded', service: svc(), pods: [pod('a', '10.0.0.1', { phase: 'Succeeded' })], want: [] },
    {
      name: 'publishNotReadyAddresses: terminating and unready pods are ready addresses',
      service: svc({ publishNotReadyAddresses: true }),
      pods: [pod('a', '10.0.0.1', { deleting: true }), pod('b', '10.0.0.2', { ready: false })],
      want: [{ addresses: ['10.0.0.1', '10.0.0.2'], ports: [8080] }],
    },
    {
      name: 'numeric target port',
      service: svc({ ports: [{ port: 80, targetPort: 8000 }] }),
      pods: [pod('a', '10.0.0.1', { noPort: true })],
      want: [{ addresses: ['10.0.0.1'], ports: [8000] }],
    },
    { name: 'headless without ports', service: svc({ clusterIP: 'None', ports: [] }), pods: [pod('a', '10.0.0.1')], want: [{ addresses: ['10.0.0.1'], ports: [] }] },
  ];
  for (const c of cases) {
    const got = computeSubsets(c.service, c.pods).map((s) => ({
      ...(s.addresses ? { addresses: s.addresses.map((a) => a.ip) } : {}),
      ...(s.notReadyAddresses ? { notReadyAddresses: s.notReadyAddresses.map((a) => a.ip) } : {}),
      ports: (s.ports ?? []).map((p) => p.port),
    }));
    t.same(got, c.want, c.name);
  }
  const [subset] = computeSubsets(svc(), [pod('a', '10.0.0.1')]);
  t.same(subset!.addresses![0], { ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' } });
  t.same(subset!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
});

t.test('repackSubsets merges ports of the same address', async (t) => {
  const a = { ip: '10.0.0.1' };
  const got = repackSubsets([
    { addresses: [a], ports: [{ name: 'a', port: 1, protocol: 'TCP' }] },
    { addresses: [a], ports: [{ name: 'b', port: 2, protocol: 'TCP' }] },
    { notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'a', port: 1, protocol: 'TCP' }] },
  ]);
  t.same(got, [
    { addresses: [a], ports: [{ name: 'a', port: 1, protocol: 'TCP' }, { name: 'b', port: 2, protocol: 'TCP' }] },
    { notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'a', port: 1, protocol: 'TCP' }] },
  ]);
});

t.test('endpoints controller against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(endpointsController(), { serviceAccount: 'endpoint-controller' });
  const eps = h.admin.resource<Endpoints>(endpoints);
  await createService(h.admin, 'ns', { metadata: { name: 'web', labels: { tier: 'front' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  await createService(h.admin, 'ns', { metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
  await createService(h.admin, 'ns', { metadata: { name: 'hl' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
  await runningPod(h.admin, 'ns', podObject('p1', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }), { ip: '10.42.0.5' });
  await runningPod(h.admin, 'ns', podObject('p2', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }), { ip: '10.42.0.6', ready: false });
  await runningPod(h.admin, 'ns', podObject('noip', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }));

  const ep = await eventually(async () => {
    const e = await eps.get('web', { namespace: 'ns' }).catch(() => undefined);
    return e && e.subsets?.[0]?.addresses?.length === 1 && e.subsets[0].notReadyAddresses?.length === 1 ? e : undefined;
  });
  t.same(ep.subsets![0]!.addresses!.map((a) => a.ip), ['10.42.0.5']);
  t.same(ep.subsets![0]!.notReadyAddresses!.map((a) => a.ip), ['10.42.0.6']);
  t.same(ep.subsets![0]!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  t.equal(ep.metadata.labels?.tier, 'front');
  t.match(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], /^\d{4}-\d\d-\d\dT/);
  const hl = await eventually(() => eps.get('hl', { namespace: 'ns' }).catch(() => undefined));
  t.equal(hl.metadata.labels?.['service.kubernetes.io/headless'], '');
  await t.rejects(eps.get('manual', { namespace: 'ns' }), { code: 404 }, 'a service without selector is left alone');

  // Deleting the service deletes its endpoints.
  await h.admin.resource<Service>({ group: '', version: 'v1', plural: 'services', namespaced: true }).delete('web', { namespace: 'ns' });
  await eventually(async () => (await eps.get('web', { namespace: 'ns' }).then(() => false).catch((e) => e.code === 404)) || undefined);
});

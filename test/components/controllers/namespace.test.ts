import t from 'tap';
import { configMaps, namespaces } from '../../../components/client/resource-types.js';
import type { Meta } from '../../../components/controllers/support/api-types.js';
import { namespaceConditions, namespaceController, type Namespace } from '../../../components/controllers/namespace/index.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

t.test('namespaceConditions', async (t) => {
  const now = '2024-01-01T00:00:00Z';
  const clean = namespaceConditions([], { discoveryFailures: [], contentFailures: [], remaining: new Map(), finalizers: new Map() }, now);
  t.same(
    clean.map((c) => [c.type, c.status, c.reason]),
    [
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ],
  );
  const busy = namespaceConditions(clean, { discoveryFailures: [], contentFailures: [], remaining: new Map([['pods.', 2]]), finalizers: new Map([['example.com/x', 1]]) }, '2024-01-02T00:00:00Z');
  const remaining = busy.find((c) => c.type === 'NamespaceContentRemaining')!;
  t.same([remaining.status, remaining.reason, remaining.message], ['True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances']);
  t.equal(remaining.lastTransitionTime, '2024-01-02T00:00:00Z');
  t.equal(busy.find((c) => c.type === 'NamespaceFinalizersRemaining')!.message, 'Some content in the namespace has finalizers remaining: example.com/x in 1 resource instances');
  t.equal(busy.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')!.lastTransitionTime, now, 'unchanged status keeps its transition time');
});

t.test('namespace controller against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'doomed');
  const cms = h.admin.resource<{ metadata: Meta }>(configMaps);
  await cms.create({ metadata: { name: 'a' } }, { namespace: 'doomed' });
  await cms.create({ metadata: { name: 'held', finalizers: ['example.com/hold'] } }, { namespace: 'doomed' });
  await h.run(namespaceController(), { serviceAccount: 'namespace-controller' });
  const nss = h.admin.resource<Namespace>(namespaces);
  await nss.delete('doomed');

  const held = await eventually(async () => {
    const ns = await nss.get('doomed');
    return ns.status?.conditions?.find((c) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True') ? ns : undefined;
  });
  t.equal(held.status?.phase, 'Terminating');
  t.match(held.status?.conditions?.find((c) => c.type === 'NamespaceContentRemaining')?.message, /configmaps\. has 1 resource instances/);
  t.equal((await cms.list({ namespace: 'doomed' })).items.length, 1, 'content without finalizers is gone');

  // Release the finalizer: the namespace becomes empty, the controller gives up `kubernetes` through
  // namespaces/<name>/finalize, and the apiserver deletes the namespace.
  await cms.patch('held', { metadata: { finalizers: null } }, { type: 'merge', namespace: 'doomed' });
  const finalized = await eventually(
    async () => {
      const ns = await nss.get('doomed').catch((e) => (e.code === 404 ? ({ gone: true } as unknown as Namespace) : undefined));
      if (!ns) return undefined;
      if ((ns as unknown as { gone?: boolean }).gone) return 'gone';
      return undefined;
    },
    15_000,
    'namespace finalized',
  );
  t.equal(finalized, 'gone', 'the namespace is deleted once finalized');
});

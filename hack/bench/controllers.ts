// The controllers benchmark (`npm run bench:controllers`): an apiserver in this process over an in-memory
// store with the Deployment and ReplicaSet controllers running in-process under their own identities:
// the time from creating a 1,000-replica Deployment to 1,000 pods created. The baseline, measured in the
// same run, creates the same 1,000 pods straight through the API, 100 at a time (the batch size the
// ReplicaSet controller's slow start ends at): the floor the write path sets. Target: <= 2 s.
//
// Flags: --quick (100 replicas), --replicas N.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapObjects } from '../../apiserver/bootstrap.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import { createApiServer, type ApiServer } from '../../apiserver/server.js';
import { ensureClusterCerts } from '../../apiserver/tls/cluster-certs.js';
import { Client } from '../../components/client/client.js';
import { realClock } from '../../components/client/clock.js';
import { EventRecorder } from '../../components/client/event-recorder.js';
import { silentLogger } from '../../components/client/logger.js';
import { SharedInformerFactory } from '../../components/client/shared-informer-factory.js';
import { InProcessTransport } from '../../components/client/transport-in-process.js';
import { deploymentController } from '../../components/controllers/deployment/index.js';
import { replicaSetController } from '../../components/controllers/replicaset/index.js';
import { ControllerManager } from '../../components/controllers/runtime/controller-manager.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { fmt, machine, msSince, now, runBenchmark, title, totalTime } from './support.js';

const quick = process.argv.includes('--quick');
const arg = process.argv.indexOf('--replicas');
const REPLICAS = arg > 0 ? Number(process.argv[arg + 1]) : quick ? 100 : 1000;
const ADMIN = { name: 'system:admin', groups: ['system:masters'] };

async function cluster(): Promise<{ api: ApiServer; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-bench-controllers-'));
  const certs = await ensureClusterCerts(join(dir, 'tls'), { hostnames: [], ips: [] });
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  const api = createApiServer({ registry: new Registry(builtinResources), backend, tls: { cert: certs.servingCert, key: certs.servingKey, ca: certs.caCert }, advertiseAddress: '127.0.0.1:6443' });
  await bootstrapObjects(api.store);
  await api.listen(0, '127.0.0.1');
  return { api, close: async () => (await api.close(), await backend.close(), rmSync(dir, { recursive: true, force: true })) };
}

const podTemplate = { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m' } } }] } };

/** 1,000 pods POSTed 100 at a time. */
async function baseline(): Promise<number> {
  const c = await cluster();
  const admin = c.api.local(ADMIN);
  const t0 = now();
  for (let i = 0; i < REPLICAS; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, REPLICAS - i) }, (_, j) =>
        admin.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...podTemplate, metadata: { ...podTemplate.metadata, name: `big-${i + j}` } } }),
      ),
    );
  }
  const ms = msSince(t0);
  await c.close();
  return ms;
}

/** Deployment of REPLICAS created → that many pods exist. */
async function withControllers(): Promise<number> {
  const c = await cluster();
  const stop = new AbortController();
  const client = (name: string, groups: string[]) => new Client(new InProcessTransport(c.api.local({ name, groups })), { fieldManager: 'kube-controller-manager' });
  const informers = new SharedInformerFactory(client('system:kube-controller-manager', []));
  for (const [account, controller] of [['replicaset-controller', replicaSetController()], ['deployment-controller', deploymentController()]] as const) {
    const writer = client(`system:serviceaccount:kube-system:${account}`, ['system:serviceaccounts', 'system:serviceaccounts:kube-system']);
    void new ControllerManager({ client: writer, informers, recorder: (component) => new EventRecorder({ client: writer, component }), clock: realClock, log: silentLogger }).add(controller).run(stop.signal);
  }
  const pods = informers.informerFor({ group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true });
  informers.start(stop.signal);
  await informers.waitForCacheSync(stop.signal);
  let done: () => void;
  const all = new Promise<void>((r) => (done = r));
  pods.addEventHandler({ add: () => pods.lister.list('default').length >= REPLICAS && done() });
  const admin = c.api.local(ADMIN);
  const t0 = now();
  const r = await admin.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: { metadata: { name: 'big' }, spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'big' } }, template: podTemplate } } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  await all;
  const ms = msSince(t0);
  stop.abort();
  await c.close();
  return ms;
}

runBenchmark('controllers', async () => {
  const started = now();
  console.log(title(`k8ts controllers benchmark: a ${REPLICAS}-replica Deployment`, quick));
  console.log(machine(`node ${process.version}`));
  const base = await baseline();
  const full = await withControllers();
  console.log(`deployment → ${REPLICAS} pods created: ${fmt(full, 0)} ms   | baseline, ${REPLICAS} pods POSTed 100 at a time: ${fmt(base, 0)} ms (controllers = ${fmt(full / base, 2)}x the floor)`);
  console.log(`target: <= 2,000 ms for 1,000 replicas`);
  console.log(totalTime(started));
  return 0;
});

// A real apiserver (in process, SQLite :memory:) and controllers running against it, each under the
// identity it has in `k8ts server`: shared informers list and watch as system:kube-controller-manager,
// and each controller writes (and records events) as its own ServiceAccount kube-system/<name>, as
// kube-controller-manager does with --use-service-account-credentials. Pods never run here (no kubelet,
// no scheduler): tests write pod status as the admin to make them Running/Ready.
import { setMaxListeners } from 'node:events';
import { Client } from '../../../components/client/client.js';
import { realClock, type Clock } from '../../../components/client/clock.js';
import { EventRecorder } from '../../../components/client/event-recorder.js';
import { silentLogger } from '../../../components/client/logger.js';
import { namespaces, pods } from '../../../components/client/resource-types.js';
import { SharedInformerFactory } from '../../../components/client/shared-informer-factory.js';
import { InProcessTransport } from '../../../components/client/transport-in-process.js';
import { isAlreadyExists } from '../../../components/client/transport.js';
import type { Controller, ControllerContext } from '../../../components/controllers/runtime/controller.js';
import { ControllerManager } from '../../../components/controllers/runtime/controller-manager.js';
import { startTestApi, type TestApi } from '../../helpers/in-process-api.js';

export interface RunOptions {
  /** Write as system:serviceaccount:kube-system:<serviceAccount>; as system:kube-controller-manager when absent. */
  serviceAccount?: string;
  /** The controller's clock (its work queue's delays and its own time); real by default. Informers keep real time. */
  clock?: Clock;
}

export interface ControllerHarness {
  api: TestApi;
  /** system:admin (system:masters). */
  admin: Client;
  /** The shared informers (as system:kube-controller-manager). */
  informers: SharedInformerFactory;
  /** A client acting as the ServiceAccount kube-system/<name>. */
  serviceAccount(name: string): Client;
  /** The context a controller gets when run with these options. */
  context(o?: RunOptions): ControllerContext;
  /** Run a controller until close(); resolves once the informers it asked for have synced. */
  run(controller: Controller, o?: RunOptions): Promise<void>;
  close(): Promise<void>;
}

export async function startControllerHarness(): Promise<ControllerHarness> {
  const api = await startTestApi();
  const client = (name: string, groups: string[]) => new Client(new InProcessTransport(api.api.local({ name, groups })), { fieldManager: name.split(':').pop() });
  const admin = client('system:admin', ['system:masters']);
  const kcm = client('system:kube-controller-manager', []);
  const informers = new SharedInformerFactory(kcm, { clock: realClock, log: silentLogger });
  const serviceAccount = (name: string) => client(`system:serviceaccount:kube-system:${name}`, ['system:serviceaccounts', 'system:serviceaccounts:kube-system']);
  const context = (o: RunOptions = {}): ControllerContext => {
    const writer = o.serviceAccount ? serviceAccount(o.serviceAccount) : kcm;
    return {
      client: writer,
      informers,
      recorder: (component) => new EventRecorder({ client: writer, component, clock: o.clock ?? realClock, log: silentLogger }),
      clock: o.clock ?? realClock,
      log: silentLogger,
    };
  };
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per informer and worker
  const running: Array<Promise<void>> = [];
  return {
    api,
    admin,
    informers,
    serviceAccount,
    context,
    async run(controller, o) {
      const manager = new ControllerManager(context(o)).add(controller);
      running.push(manager.run(stop.signal));
      await informers.waitForCacheSync(stop.signal);
    },
    async close() {
      stop.abort();
      await Promise.all(running);
      await api.close();
    },
  };
}

export async function ensureNamespace(admin: Client, name: string): Promise<void> {
  await admin
    .resource(namespaces)
    .create({ metadata: { name } })
    .catch((err: unknown) => {
      if (!isAlreadyExists(err)) throw err;
    });
}

/** Resolves with the first truthy value `check` gives (errors count as not yet), polling; rejects after `ms`. */
export async function eventually<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 10_000, what = 'a condition'): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Marks a pod Running and Ready (as its kubelet would), Ready since `readySince` (default now). */
export async function markPodReady(admin: Client, pod: { metadata?: { name?: string; namespace?: string } }, readySince = new Date()): Promise<void> {
  const c = admin.resource<{ metadata?: { name?: string; namespace?: string }; status?: object }>(pods);
  const current = await c.get(pod.metadata!.name!, { namespace: pod.metadata!.namespace });
  const t = readySince.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const conditions = ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: t }));
  await c.updateStatus({ ...current, status: { ...current.status, phase: 'Running', conditions } }, { namespace: pod.metadata!.namespace });
}

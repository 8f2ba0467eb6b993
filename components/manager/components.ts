// The control-plane components `k8ts server` runs in its own process: each talks to the apiserver only
// through the in-process transport, under its upstream identity, behind leader election. `--disable`
// names those to leave out.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ApiServer } from '../../apiserver/server.js';
import { Client } from '../client/client.js';
import { EventRecorder } from '../client/event-recorder.js';
import type { ClientLogger } from '../client/logger.js';
import { SharedInformerFactory } from '../client/shared-informer-factory.js';
import { InProcessTransport } from '../client/transport-in-process.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { runControllers } from './controller-set.js';
import { runWhileLeading } from './leader-loop.js';

export const COMPONENTS = ['scheduler', 'controllers', 'agent'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface ComponentsOptions {
  api: ApiServer;
  disable: ReadonlySet<string>;
  log: (component: string) => ClientLogger;
  signal: AbortSignal;
  /** The server's data dir: local-path volumes live under `<dataDir>/storage`. */
  dataDir?: string;
}

/** Starts every enabled component; resolves once they are running (they stop with the signal). */
export function startComponents(o: ComponentsOptions): void {
  const identity = `${hostname()}_${randomBytes(4).toString('hex')}`;
  if (!o.disable.has('scheduler')) {
    const log = o.log('scheduler');
    const client = new Client(new InProcessTransport(o.api.local({ name: 'system:kube-scheduler', groups: [] })), { fieldManager: 'kube-scheduler' });
    void runWhileLeading({
      client,
      lease: 'kube-scheduler',
      identity,
      log,
      signal: o.signal,
      run: async (leading) => {
        const informers = new SharedInformerFactory(client, { log });
        const scheduler = new Scheduler({ client, informers, recorder: new EventRecorder({ client, component: 'default-scheduler', log }), log });
        await scheduler.run(leading);
      },
    });
  }
  if (!o.disable.has('controllers')) {
    const log = o.log('controller-manager');
    const client = new Client(new InProcessTransport(o.api.local({ name: 'system:kube-controller-manager', groups: [] })), { fieldManager: 'kube-controller-manager' });
    void runWhileLeading({ client, lease: 'kube-controller-manager', identity, log, signal: o.signal, run: (leading) => runControllers(o.api, log, leading, o.dataDir ? { dataDir: o.dataDir } : {}) });
  }
}

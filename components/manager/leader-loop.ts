// Runs a component only while this process holds its Lease (upstream's --leader-elect): campaigns again
// after losing it, until the signal aborts. Several `k8ts server`s on one datastore thus run one
// scheduler and one controller manager between them.
import { setMaxListeners } from 'node:events';
import type { Client } from '../client/client.js';
import { LeaderElector } from '../client/leader-election.js';
import type { ClientLogger } from '../client/logger.js';

export async function runWhileLeading(o: {
  client: Client;
  lease: string;
  identity: string;
  log: ClientLogger;
  signal: AbortSignal;
  run: (signal: AbortSignal) => Promise<void>;
}): Promise<void> {
  while (!o.signal.aborted) {
    const elector = new LeaderElector({
      client: o.client,
      name: o.lease,
      namespace: 'kube-system',
      identity: o.identity,
      log: o.log,
      callbacks: {
        onStartedLeading: (leading) => {
          setMaxListeners(0, leading); // every informer and worker of the component listens for its end
          o.log.info({ lease: o.lease }, 'leading');
          return o.run(leading);
        },
        onStoppedLeading: () => o.log.info({ lease: o.lease }, 'stopped leading'),
      },
    });
    await elector.run(o.signal);
    if (!o.signal.aborted) await new Promise((r) => setTimeout(r, 1000));
  }
}

// The throwaway cluster `k8ts test` runs manifests in: an apiserver in this process over an in-memory
// store (nothing written but a temporary certificate dir, removed at the end), the scheduler and
// controllers, and simulated nodes. `--keep` leaves it serving with a kubeconfig to look around.
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapObjects } from '../../apiserver/bootstrap.js';
import { publishApiEndpoints } from '../../apiserver/kubernetes-endpoints.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import { createApiServer, type ApiServer } from '../../apiserver/server.js';
import { ensureClusterCerts } from '../../apiserver/tls/cluster-certs.js';
import { writeKubeconfig } from '../../apiserver/tls/kubeconfig.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { silentLogger } from '../client/logger.js';
import { startComponents } from '../manager/components.js';

export interface EphemeralCluster {
  api: ApiServer;
  kubeconfig: string;
  server: string;
  close(): Promise<void>;
}

/** Simulated nodes come from node/sim; the caller passes how to start them (keeps this file free of node/). */
export type NodeStarter = (api: ApiServer, count: number, signal: AbortSignal) => Promise<void>;

export async function startEphemeralCluster(o: { nodes: number; startNodes: NodeStarter; keep?: boolean }): Promise<EphemeralCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-test-'));
  const certs = await ensureClusterCerts(join(dir, 'tls'), { hostnames: [], ips: [] });
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  const api = createApiServer({
    registry: new Registry(builtinResources),
    backend,
    tls: { cert: certs.servingCert, key: certs.servingKey, ca: certs.caCert },
    advertiseAddress: '127.0.0.1:6443',
    clusterCa: { cert: certs.caCert, key: certs.caKey },
    authentication: { serviceAccountKey: { privateKeyPem: certs.serviceAccountKey, publicKeyPem: certs.serviceAccountPublicKey } },
  });
  await bootstrapObjects(api.store);
  const port = await api.listen(0, '127.0.0.1');
  await publishApiEndpoints(api.store, { ip: '127.0.0.1', port });
  const server = `https://127.0.0.1:${port}`;
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await writeKubeconfig(kubeconfig, { server, caPem: certs.caCert, clientCertPem: certs.adminCert, clientKeyPem: certs.adminKey });
  const stop = new AbortController();
  // Every informer, controller and node listens for the stop.
  setMaxListeners(0, stop.signal);
  startComponents({ api, disable: new Set(), log: () => silentLogger, signal: stop.signal, dataDir: dir });
  await o.startNodes(api, o.nodes, stop.signal);
  return {
    api,
    kubeconfig,
    server,
    close: async () => {
      stop.abort();
      await api.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

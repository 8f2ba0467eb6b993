// `k8ts server`: the whole cluster in one process. For now: the store, the HTTPS Kubernetes API with its
// certificates and admin kubeconfig, and the scheduler (in-process, leader-elected); controllers and the
// node join in later issues.
import type { Command } from 'commander';
import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { bootstrapObjects } from '../../apiserver/bootstrap.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import { createApiServer, type ApiServer } from '../../apiserver/server.js';
import { Client } from '../client/client.js';
import { InProcessTransport } from '../client/transport-in-process.js';
import { SimNode, simNodeIdentity, startSimNodes, type SimNodesOptions } from '../../node/sim/index.js';
import { readSimNodeConfig } from './sim-node-config.js';
import { publishApiEndpoints } from '../../apiserver/kubernetes-endpoints.js';
import { Compactor } from '../../apiserver/storage/compactor.js';
import { ensureClusterCerts } from '../../apiserver/tls/cluster-certs.js';
import { writeKubeconfig } from '../../apiserver/tls/kubeconfig.js';
import { readTokenFile } from '../../apiserver/auth/authn/token-file.js';
import { COMPONENTS, startComponents } from '../manager/components.js';
import { ensureServerToken } from '../../kine/snapshot/server-token.js';
import { startServerSnapshots } from '../../kine/snapshot/server-snapshots.js';
import type { Backend } from '../../kine/backend.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { dbPath, defaultDataDir } from './data-dir.js';
import { createLogger } from './logger.js';

interface ServerFlags {
  dataDir: string;
  httpsListenPort: string;
  bindAddress: string;
  datastoreEndpoint?: string;
  tlsSan: string[];
  tokenAuthFile?: string;
  anonymousAuth: boolean;
  disable: string[];
  nodeRuntime: string;
  simulateNodes: string;
  simulateNodesConfig?: string;
  nodeName?: string;
  snapshotSchedule?: string;
  snapshotRetention: string;
}

export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('run the Kubernetes API (and, as they land, the control plane and a node)')
    .option('--data-dir <dir>', 'data directory', defaultDataDir())
    .option('--https-listen-port <port>', 'HTTPS port of the Kubernetes API (0 = any free port)', '6443')
    .option('--bind-address <ip>', 'address to listen on', '0.0.0.0')
    .option('--datastore-endpoint <urls>', 'use this etcd cluster (http://host:2379,...) instead of the embedded SQLite store')
    .option('--tls-san <name>', 'extra hostname or IP for the serving certificate (repeatable)', collect, [])
    .option('--token-auth-file <file>', 'static bearer tokens, one per line: token,user,uid,"group1,group2"')
    .option('--disable <components>', `components not to run, comma-separated (${COMPONENTS.join(', ')})`, (v: string, prev: string[]) => [...prev, ...v.split(',').map((x) => x.trim()).filter(Boolean)], [])
    .option('--node-runtime <runtime>', 'how this machine runs pods: sim (simulated; containerd comes with the kubelet)', 'sim')
    .option('--simulate-nodes <n>', 'simulated nodes to add beside this one', '0')
    .option('--simulate-nodes-config <file>', 'simulated nodes described in YAML (count, namePrefix, cpu, memory, pods, labels, taints per group)')
    .option('--node-name <name>', "this machine's node name (default: the hostname)")
    .option('--snapshot-schedule <cron>', 'take snapshots of the store on this 5-field cron schedule, e.g. "0 */12 * * *"')
    .option('--snapshot-retention <n>', 'scheduled snapshots kept in DIR/db/snapshots', '5')
    .option('--anonymous-auth', 'let requests without credentials in as system:anonymous (RBAC decides what they may do)', false)
    .action(async (flags: ServerFlags) => {
      const log = createLogger().child({ component: 'server' });
      const started = Date.now();
      mkdirSync(flags.dataDir, { recursive: true, mode: 0o700 });
      const ips = [...localIps(), ...flags.tlsSan.filter(isIp)];
      const hostnames = [hostname(), ...flags.tlsSan.filter((s) => !isIp(s))];
      const certs = await ensureClusterCerts(join(flags.dataDir, 'tls'), { hostnames, ips });

      let backend: Backend;
      if (flags.datastoreEndpoint) {
        const { EtcdBackend } = await import('../../kine/etcd/etcd-backend.js');
        backend = await EtcdBackend.connect(flags.datastoreEndpoint);
      } else {
        const path = dbPath(flags.dataDir);
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        backend = new EmbeddedBackend({ path });
      }
      // The server token seals the certificates and keys inside snapshots (as k3s's).
      const token = ensureServerToken(flags.dataDir);
      const snapshots = await startServerSnapshots({
        backend,
        dataDir: flags.dataDir,
        token,
        node: hostname(),
        schedule: flags.snapshotSchedule,
        retention: Number(flags.snapshotRetention),
        log: createLogger().child({ component: 'snapshot' }),
      });
      const registry = new Registry(builtinResources);
      const api = createApiServer({
        registry,
        backend,
        tls: { cert: certs.servingCert, key: certs.servingKey, ca: certs.caCert },
        advertiseAddress: `${ips[0] ?? '127.0.0.1'}:${flags.httpsListenPort}`,
        log: createLogger().child({ component: 'apiserver' }),
        clusterCa: { cert: certs.caCert, key: certs.caKey },
        authentication: {
          serviceAccountKey: { privateKeyPem: certs.serviceAccountKey, publicKeyPem: certs.serviceAccountPublicKey },
          anonymous: flags.anonymousAuth,
          ...(flags.tokenAuthFile ? { tokens: readTokenFile(flags.tokenAuthFile) } : {}),
        },
      });
      await bootstrapObjects(api.store, new Date(), Number(flags.httpsListenPort) || 6443);
      const compactor = new Compactor(backend);
      compactor.start();
      const port = await api.listen(Number(flags.httpsListenPort), flags.bindAddress);
      await publishApiEndpoints(api.store, { ip: ips[0] ?? '127.0.0.1', port });
      const components = new AbortController();
      setMaxListeners(0, components.signal);
      const unknown = flags.disable.filter((d) => !(COMPONENTS as readonly string[]).includes(d));
      if (unknown.length) log.warn({ unknown }, 'unknown components in --disable (ignored)');
      startComponents({ api, disable: new Set(flags.disable), log: (component) => createLogger().child({ component }), signal: components.signal, dataDir: flags.dataDir });
      await startNodes(api, flags, components.signal, log);
      const server = `https://127.0.0.1:${port}`;
      const kubeconfig = join(flags.dataDir, 'kubeconfig.yaml');
      await writeKubeconfig(kubeconfig, { server, caPem: certs.caCert, clientCertPem: certs.adminCert, clientKeyPem: certs.adminKey });
      log.info({ server, kubeconfig, ms: Date.now() - started }, 'serving the Kubernetes API');
      process.stderr.write(`k8ts server ready: kubectl --kubeconfig ${kubeconfig} get namespaces\n`);

      const stop = async (signal: string) => {
        log.info({ signal }, 'stopping');
        compactor.stop();
        components.abort();
        await api.close();
        await snapshots.close();
        await backend.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function isIp(s: string): boolean {
  return /^[0-9.]+$/.test(s) || s.includes(':');
}

function localIps(): string[] {
  const out: string[] = [];
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (!a.internal && a.family === 'IPv4') out.push(a.address);
  }
  return out;
}

/**
 * This machine's node and any simulated ones. Until the containerd kubelet lands, this machine's node
 * is simulated too (with a one-line warning when another runtime was asked for); `--disable agent`
 * leaves it out.
 */
async function startNodes(api: ApiServer, flags: ServerFlags, signal: AbortSignal, log: { warn(o: object, m: string): void }): Promise<void> {
  if (!flags.disable.includes('agent')) {
    if (flags.nodeRuntime !== 'sim') log.warn({ requested: flags.nodeRuntime }, 'only the simulated node runtime is available yet: this node is simulated');
    const name = flags.nodeName ?? hostname().toLowerCase();
    const client = new Client(new InProcessTransport(api.local(simNodeIdentity(name))), { fieldManager: 'kubelet' });
    await new SimNode({ client, name, podCidrIndex: 0, log: createLogger().child({ component: 'kubelet' }) }).start(signal);
  }
  const extra = Number(flags.simulateNodes) || 0;
  let cidr = 1;
  if (extra > 0) {
    await startSimNodes(api, extra, signal);
    cidr += extra;
  }
  for (const group of flags.simulateNodesConfig ? readSimNodeConfig(flags.simulateNodesConfig) : []) {
    const node: NonNullable<SimNodesOptions['node']> = {};
    for (const key of ['cpu', 'memory', 'pods', 'labels', 'taints'] as const) if (group[key] !== undefined) (node as Record<string, unknown>)[key] = group[key];
    await startSimNodes(api, group.count, signal, { namePrefix: group.namePrefix ?? `sim-${cidr}-`, firstPodCidrIndex: cidr, node });
    cidr += group.count;
  }
}

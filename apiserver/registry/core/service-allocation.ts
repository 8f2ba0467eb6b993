// Cluster IPs and node ports of Services, claimed when a service is written and released when it goes
// (upstream: pkg/registry/core/service/storage). Messages are upstream's.
import { ServiceIpAllocator, inRange } from '../../allocators/service-ips.js';
import { NodePortAllocator, inNodePortRange, NODE_PORT_RANGE } from '../../allocators/node-ports.js';
import { invalid, StatusError } from '../../errors.js';
import type { HookEnv, KubeObject, StorageHooks } from '../types.js';

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
}

const owner = (o: KubeObject) => `${o.metadata!.namespace}/${o.metadata!.name}`;
const spec = (o: KubeObject) => (o.spec ?? (o.spec = {})) as ServiceSpec;
const needsNodePorts = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const fail = (o: KubeObject, field: string, message: string) =>
  invalid('Service', o.metadata?.name ?? '', [{ field, reason: 'FieldValueInvalid', message }]);

export const serviceAllocation: StorageHooks = {
  async beforeCreate(obj, env) {
    const s = spec(obj);
    s.type ??= 'ClusterIP';
    if (s.type !== 'ExternalName') await assignClusterIp(obj, s, env);
    if (needsNodePorts(s)) await assignNodePorts(obj, s, env);
  },
  async createFailed(obj, env) {
    await releaseAll(obj, env);
  },
  async beforeUpdate(obj, old, env) {
    const s = spec(obj);
    const before = spec(old);
    s.type ??= 'ClusterIP';
    if (before.clusterIP && before.clusterIP !== 'None' && s.type !== 'ExternalName') {
      if (!s.clusterIP) {
        s.clusterIP = before.clusterIP;
        s.clusterIPs = before.clusterIPs;
      } else if (s.clusterIP !== before.clusterIP) {
        throw fail(obj, 'spec.clusterIPs[0]', `Invalid value: []string{"${s.clusterIP}"}: may not change once set`);
      }
    } else if (s.type !== 'ExternalName' && !s.clusterIP) {
      await assignClusterIp(obj, s, env);
    }
    if (needsNodePorts(s)) {
      // Keep the node ports the service already had for the same port and protocol.
      for (const p of s.ports ?? []) {
        if (p.nodePort) continue;
        const prev = before.ports?.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (prev?.nodePort) p.nodePort = prev.nodePort;
      }
      await assignNodePorts(obj, s, env);
    }
    const kept = new Set((needsNodePorts(s) ? (s.ports ?? []) : []).map((p) => `${p.protocol ?? 'TCP'}/${p.nodePort}`));
    const ports = new NodePortAllocator(env.store.backend);
    for (const p of before.ports ?? []) {
      if (p.nodePort && !kept.has(`${p.protocol ?? 'TCP'}/${p.nodePort}`)) await ports.release(p.nodePort, p.protocol ?? 'TCP', owner(old));
    }
  },
  async afterDelete(obj, env) {
    await releaseAll(obj, env);
  },
};

async function assignClusterIp(obj: KubeObject, s: ServiceSpec, env: HookEnv): Promise<void> {
  const ips = new ServiceIpAllocator(env.store.backend);
  const requested = s.clusterIP || s.clusterIPs?.[0];
  if (requested === 'None') {
    s.clusterIP = 'None';
    s.clusterIPs = ['None'];
  } else if (requested) {
    const reserved = requested === '10.43.0.1' && owner(obj) === 'default/kubernetes';
    if (!reserved && !inRange(ips.cidr, requested)) {
      throw fail(obj, 'spec.clusterIPs', `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${ips.cidr.text}`);
    }
    if ((await ips.claim(requested, owner(obj))) === 'taken') {
      throw fail(obj, 'spec.clusterIPs', `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: provided IP is already allocated`);
    }
    s.clusterIP = requested;
    s.clusterIPs = [requested];
  } else {
    const ip = await ips.allocate(owner(obj));
    if (!ip) throw new StatusError(500, 'InternalError', `Internal error occurred: failed to allocate a serviceIP: range is full`);
    s.clusterIP = ip;
    s.clusterIPs = [ip];
  }
  s.ipFamilies ??= ['IPv4'];
  s.ipFamilyPolicy ??= 'SingleStack';
}

async function assignNodePorts(obj: KubeObject, s: ServiceSpec, env: HookEnv): Promise<void> {
  const ports = new NodePortAllocator(env.store.backend);
  for (const [i, p] of (s.ports ?? []).entries()) {
    const protocol = p.protocol ?? 'TCP';
    if (p.nodePort) {
      if (!inNodePortRange(p.nodePort)) {
        throw fail(obj, `spec.ports[${i}].nodePort`, `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}`);
      }
      if ((await ports.claim(p.nodePort, protocol, owner(obj))) === 'taken') {
        throw fail(obj, `spec.ports[${i}].nodePort`, `Invalid value: ${p.nodePort}: provided port is already allocated`);
      }
    } else {
      const port = await ports.allocate(protocol, owner(obj));
      if (!port) throw new StatusError(500, 'InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
      p.nodePort = port;
    }
  }
}

async function releaseAll(obj: KubeObject, env: HookEnv): Promise<void> {
  const s = spec(obj);
  if (s.clusterIP && s.clusterIP !== 'None') await new ServiceIpAllocator(env.store.backend).release(s.clusterIP, owner(obj));
  const ports = new NodePortAllocator(env.store.backend);
  for (const p of s.ports ?? []) if (p.nodePort) await ports.release(p.nodePort, p.protocol ?? 'TCP', owner(obj));
}

// Objects the controller tests create: pods with a status as a kubelet would write it, services, nodes.
import type { Client } from '../../../components/client/client.js';
import { nodes, pods, services } from '../../../components/client/resource-types.js';
import type { Node, Pod, Service } from '../../../components/controllers/support/api-types.js';

export function podObject(name: string, o: { labels?: Record<string, string>; ports?: Array<{ name?: string; containerPort: number; protocol?: string }>; nodeName?: string; hostname?: string; subdomain?: string } = {}): Pod {
  return {
    metadata: { name, labels: o.labels ?? {} },
    spec: {
      containers: [{ name: 'c', image: 'busybox', ports: o.ports }],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
  };
}

/** Create a pod and write its status (phase, IP, Ready) as its kubelet would. */
export async function runningPod(admin: Client, namespace: string, pod: Pod, o: { ip?: string; ready?: boolean; phase?: string } = {}): Promise<Pod> {
  const c = admin.resource<Pod>(pods);
  const created = await c.create(pod, { namespace });
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  created.status = {
    ...created.status,
    phase: o.phase ?? 'Running',
    ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}),
    conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: now }],
  };
  return c.updateStatus(created, { namespace });
}

export async function createService(admin: Client, namespace: string, svc: Service): Promise<Service> {
  return admin.resource<Service>(services).create(svc, { namespace });
}

export async function createNode(admin: Client, name: string, labels: Record<string, string> = {}): Promise<Node> {
  return admin.resource<Node>(nodes).create({ metadata: { name, labels } });
}

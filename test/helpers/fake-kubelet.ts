// A stand-in for the kubelet in tests of the control plane (the simulated runtime comes later): it
// registers a Node with a Ready condition and, every 100 ms, runs what is bound to it: pods become
// Running and Ready with an IP from the node's /24, a Job's pods succeed, and pods being deleted go.
import { Client, type KubeObject } from '../../components/client/client.js';
import * as types from '../../components/client/resource-types.js';
import { HttpsTransport } from '../../components/client/transport-https.js';

export interface FakeKubelet {
  stop(): void;
}

export async function startFakeKubelet(kubeconfig: string, name: string, subnet = 42, o: { taints?: unknown[] } = {}): Promise<FakeKubelet> {
  const client = new Client(HttpsTransport.fromKubeconfigFile(kubeconfig), { fieldManager: 'fake-kubelet' });
  const nodes = client.resource(types.nodes);
  const pods = client.resource<KubeObject & { spec?: { nodeName?: string }; status?: Record<string, unknown> }>(types.pods);
  await nodes.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: { taints: o.taints ?? [] },
    status: {
      capacity: { cpu: '8', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
    },
  } as KubeObject);
  let ip = 2;
  const ips = new Map<string, string>();
  let stopped = false;
  const tick = async () => {
    const list = await pods.list({ fieldSelector: `spec.nodeName=${name}` });
    for (const p of list.items) {
      const ns = p.metadata!.namespace!;
      const podName = p.metadata!.name!;
      if ((p.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp) {
        await pods.delete(podName, { namespace: ns, gracePeriodSeconds: 0 }).catch(() => undefined);
        continue;
      }
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const job = ((p.metadata as { ownerReferences?: Array<{ kind: string }> }).ownerReferences ?? []).some((o) => o.kind === 'Job');
      if (job && phase === 'Running') {
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        await pods
          .updateStatus({ ...p, status: { ...p.status, phase: 'Succeeded', conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }], containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now } } }] } }, { namespace: ns })
          .catch(() => undefined);
        continue;
      }
      if (phase === 'Running') continue;
      let podIP = ips.get(p.metadata!.uid!);
      if (!podIP) ips.set(p.metadata!.uid!, (podIP = `10.${subnet}.0.${ip++}`));
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      await pods
        .updateStatus(
          {
            ...p,
            status: {
              ...p.status,
              phase: 'Running',
              podIP,
              podIPs: [{ ip: podIP }],
              hostIP: '127.0.0.1',
              startTime: now,
              conditions: ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
            },
          },
          { namespace: ns },
        )
        .catch(() => undefined);
    }
  };
  const loop = async () => {
    while (!stopped) {
      await tick().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  void loop();
  return { stop: () => (stopped = true) };
}

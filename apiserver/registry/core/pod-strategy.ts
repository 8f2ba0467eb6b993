// What the apiserver itself sets on a new pod (upstream's pod strategy PrepareForCreate): phase Pending
// and the QoS class computed from the containers' requests and limits.
import type { KubeObject, Strategy } from '../types.js';

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

interface Container {
  resources?: Resources;
}

/** mirrors upstream's GetPodQOS for cpu and memory. */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      // Requests default to limits; guaranteed needs both resources limited and requests equal to them.
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export const podStrategy: Strategy = {
  prepareForCreate(pod) {
    pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  },
};

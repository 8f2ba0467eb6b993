// The pod-level verdicts a kubelet derives from its containers' statuses (kubelet_pods.go getPhase,
// status/generate.go), and the status manager's rule for condition timestamps. Pure.
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from './types.js';

type Phase = NonNullable<PodStatus['phase']>;

/** Mirrors getPhase: init containers first, then counts of running, waiting and stopped containers. */
export function podPhase(pod: Pod, init: ContainerStatus[], main: ContainerStatus[]): Phase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  const regularInit = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always').map((c) => c.name);
  for (const s of init) {
    if (!regularInit.includes(s.name)) continue;
    if ('terminated' in s.state && s.state.terminated.exitCode === 0) continue;
    if ('terminated' in s.state && policy === 'Never') return 'Failed';
    return 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of main) {
    if ('running' in s.state) running++;
    else if ('terminated' in s.state) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if ('terminated' in s.lastState) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

/** The conditions a kubelet owns, in upstream's order, without timestamps (see mergeConditions). */
export function kubeletConditions(pod: Pod, o: { sandboxReady: boolean; phase: Phase; init: ContainerStatus[]; main: ContainerStatus[] }): PodCondition[] {
  const done = o.phase === 'Succeeded' || o.phase === 'Failed';
  const incompleteInit = (pod.spec.initContainers ?? [])
    .filter((c) => {
      const s = o.init.find((x) => x.name === c.name);
      if (!s) return true;
      return c.restartPolicy === 'Always' ? !s.started : !('terminated' in s.state && s.state.terminated.exitCode === 0);
    })
    .map((c) => c.name);
  const unready = pod.spec.containers.filter((c) => !o.main.find((s) => s.name === c.name)?.ready).map((c) => c.name);
  const initialized: PodCondition =
    incompleteInit.length === 0
      ? { type: 'Initialized', status: 'True' }
      : { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incompleteInit.join(' ')}]` };
  let containersReady: PodCondition = { type: 'ContainersReady', status: 'True' };
  if (done) containersReady = { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  else if (unready.length) containersReady = { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  const gates = (pod.spec.readinessGates ?? []).map((g) => g.conditionType);
  const gatesNotTrue = gates.filter((g) => pod.status?.conditions?.find((c) => c.type === g)?.status !== 'True');
  let ready: PodCondition = { ...containersReady, type: 'Ready' };
  if (containersReady.status === 'True' && gatesNotTrue.length) {
    const missing = gatesNotTrue.filter((g) => !pod.status?.conditions?.some((c) => c.type === g));
    const message = missing.length ? `corresponding condition of pod readiness gate "${missing[0]}" does not exist.` : `the status of pod readiness gate "${gatesNotTrue[0]}" is not "True", but False`;
    ready = { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message };
  }
  return [
    { type: 'PodReadyToStartContainers', status: o.sandboxReady && !done ? 'True' : 'False' },
    initialized,
    ready,
    containersReady,
    { type: 'PodScheduled', status: 'True' },
  ];
}

/**
 * The status manager's merge: a condition whose status is unchanged keeps its lastTransitionTime;
 * a changed or new one takes `now`. Conditions the kubelet does not own (readiness gates,
 * DisruptionTarget) are kept as they are.
 */
export function mergeConditions(old: PodCondition[] | undefined, next: PodCondition[], now: string): PodCondition[] {
  const owned = new Set(next.map((c) => c.type));
  const merged = next.map((c) => {
    const prev = old?.find((o) => o.type === c.type);
    const lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    // No `lastProbeTime: null` (upstream's zero time): a merge patch drops nulls inside list items, so the
    // stored condition has none, and a status compared with the stored one must not have it either.
    const { lastProbeTime: _never, ...rest } = c;
    return { ...rest, lastTransitionTime };
  });
  return [...merged, ...(old ?? []).filter((c) => !owned.has(c.type))];
}

/** The QoS class (helper/qos): BestEffort without requests or limits, Guaranteed when every container's requests equal its cpu and memory limits. */
export function qosClass(containers: Container[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    if (Object.keys(requests).length || Object.keys(limits).length) any = true;
    for (const r of ['cpu', 'memory']) if (!limits[r] || requests[r] !== limits[r]) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

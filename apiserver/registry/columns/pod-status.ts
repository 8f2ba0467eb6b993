// READY, STATUS and RESTARTS of `kubectl get pods`. Mirrors upstream's printPod: the status is the
// pod's reason or phase, overridden by init-container progress (Init:1/2, Init:CrashLoopBackOff),
// then by the last container's waiting/terminated reason, then by Terminating while deleting.
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { since, toDate } from './human-duration.js';

export interface PodSummary {
  /** `ready/total`, counting sidecars (restartable init containers) in both. */
  ready: string;
  status: string;
  /** `3` or `3 (5m ago)`. */
  restarts: string;
}

/** Pure: the three summary cells of one pod at `now`. */
export function podSummary(pod: V1Pod, now: Date): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const sidecars = new Set((spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (spec?.containers ?? []).length + sidecars.size;
  let ready = 0;
  let reason = status.reason || status.phase || '';
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  let restarts = 0;
  let lastRestart: Date | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestart: Date | undefined;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    restarts += cs.restartCount ?? 0;
    lastRestart = later(lastRestart, lastTermination(cs));
    const sidecar = sidecars.has(cs.name);
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, lastTermination(cs));
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    initializing = true;
    if (terminated) reason = 'Init:' + (terminated.reason || exitText(terminated.signal, terminated.exitCode));
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = 'Init:' + waiting.reason;
    else reason = `Init:${i}/${(spec?.initContainers ?? []).length}`;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount ?? 0;
      lastRestart = later(lastRestart, lastTermination(cs));
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminated.reason || exitText(terminated.signal, terminated.exitCode);
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }

  const restartText = restarts !== 0 && lastRestart ? `${restarts} (${since(lastRestart, now)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function exitText(signal: number | undefined, exitCode: number): string {
  return signal ? `Signal:${signal}` : `ExitCode:${exitCode}`;
}

function lastTermination(cs: V1ContainerStatus): Date | undefined {
  return toDate(cs.lastState?.terminated?.finishedAt);
}

function later(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.getTime() > a.getTime() ? b : a;
}

/** `true/total` of the pod's readiness gates, or `<none>` (the -o wide READINESS GATES cell). */
export function readinessGates(pod: V1Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${passed}/${gates.length}`;
}

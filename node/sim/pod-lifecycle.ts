// The status a simulated kubelet reports for a pod, as a pure function of how long ago (in simulated
// time) it began the pod. The timeline, in simulated seconds from the moment the pod reached the node:
//   0 … SANDBOX_SECONDS      volumes set up and the sandbox created: containers wait in ContainerCreating
//                            (PodInitializing when there are init containers); a volume whose source is
//                            missing, or a claim that is missing or not bound, keeps the pod here with
//                            FailedMount, and the sandbox follows once every volume is set up (mountedAtMs)
//   then, in order           each init container runs INIT_RUN_SECONDS and exits 0 (a sidecar, restartPolicy
//                            Always, starts and keeps running; the next container waits until it is started)
//   then                     every container starts (see container-timeline.ts for readiness, exits and
//                            restarts); one the runtime refuses waits in InvalidImageName or
//                            CreateContainerConfigError
// Phase and conditions follow from the containers (pod-conditions.ts). A pod being deleted is stopped
// with terminatedStatus; a pod the kubelet refused to admit (pod-admission.ts) gets rejectedStatus.
import { containerTimeline, startupDelayMs, type SimEvent, type SimMs } from './container-timeline.js';
import { normalizedImage, parseImage } from './image-reference.js';
import { kubeletConditions, mergeConditions, podPhase, qosClass } from './pod-conditions.js';
import { claimMountProblem, containerProblem, volumeProblems, type PodWorld } from './pod-refusals.js';
import { rfc3339, type Container, type ContainerStatus, type Pod, type PodStatus } from './types.js';

export const SANDBOX_SECONDS = 1;
/** The kubelet's podAttachAndMountTimeout (2m3s): how long a pod waits for its volumes before FailedMount. */
export const MOUNT_TIMEOUT_MS = 123_000;
export const INIT_RUN_SECONDS = 1;

export interface LifecycleInput {
  pod: Pod;
  world: PodWorld;
  /** Wall-clock ms when the kubelet began the pod (its status.startTime). */
  startMs: number;
  /**
   * Wall-clock ms when the pod's volumes were all set up, when that was later than startMs (a volume
   * was held up at first): the sandbox and the containers follow from then. The shell remembers it.
   */
  mountedAtMs?: number;
  nowMs: number;
  /** Simulated seconds per real second (1 = real time). */
  speed: number;
  podIP: string;
  hostIP: string;
}

export interface LifecycleResult {
  status: PodStatus;
  /** Everything that has happened so far, each with a unique key (the shell records the new ones). */
  events: SimEvent[];
  /** Wall-clock ms of the next change, if one is due. */
  nextMs?: number;
  /** True when the pod is held up by something missing (a ConfigMap, Secret, claim, ServiceAccount): look again later. */
  blockedOnWorld: boolean;
  /** True while a volume cannot be set up (the sandbox waits for it). */
  blockedOnMounts: boolean;
  /** True while a claim is missing or unbound: look again soon (the volume manager re-checks continually). */
  blockedOnClaims: boolean;
}

export function podLifecycle(i: LifecycleInput): LifecycleResult {
  const { pod, world } = i;
  const now: SimMs = (i.nowMs - i.startMs) * i.speed;
  const time = (at: SimMs) => rfc3339(i.startMs + at / i.speed);
  const events: SimEvent[] = [];
  const nexts: SimMs[] = [];
  const initContainers = pod.spec.initContainers ?? [];
  const mainWaiting = initContainers.length ? 'PodInitializing' : 'ContainerCreating';
  const mounts = volumeProblems(pod, world);
  for (const m of mounts) events.push({ key: `mount/${m.volume}`, at: 0, type: 'Warning', reason: 'FailedMount', message: m.message });
  // A claim that is not bound yet is normal for a moment (a WaitForFirstConsumer claim binds after the
  // pod is placed): the kubelet keeps looking, and reports FailedMount only when the pod's volumes are
  // still not mounted after its attach-and-mount timeout.
  const claims = claimMountProblem(pod, world);
  if (claims && now >= MOUNT_TIMEOUT_MS) events.push({ key: `mount/claims/${claims}`, at: now, type: 'Warning', reason: 'FailedMount', message: claims });
  else if (claims) nexts.push(MOUNT_TIMEOUT_MS);
  const blockedOnMounts = mounts.length > 0 || claims !== undefined;
  const mountedAt: SimMs = i.mountedAtMs !== undefined ? Math.max(0, (i.mountedAtMs - i.startMs) * i.speed) : 0;
  const sandboxAt = mountedAt + SANDBOX_SECONDS * 1000;
  const sandboxReady = !blockedOnMounts && now >= sandboxAt;
  let blockedOnWorld = blockedOnMounts;
  if (!blockedOnMounts && !sandboxReady) nexts.push(sandboxAt);

  const init: ContainerStatus[] = [];
  const main: ContainerStatus[] = [];
  let cursor = sandboxAt;
  let blocked = !sandboxReady;
  const refuse = (c: Container, fieldPath: string): ContainerStatus | undefined => {
    const problem = containerProblem(pod, c, world);
    if (!problem) return undefined;
    const at = cursor;
    if (problem.reason === 'InvalidImageName') {
      events.push({ key: `${c.name}/inspect`, at, type: 'Warning', reason: 'InspectFailed', message: problem.message, fieldPath });
      events.push({ key: `${c.name}/failed`, at, type: 'Warning', reason: 'Failed', message: 'Error: InvalidImageName', fieldPath });
    } else {
      blockedOnWorld = true;
      events.push({ key: `${c.name}/failed/${problem.message}`, at, type: 'Warning', reason: 'Failed', message: `Error: ${problem.message}`, fieldPath });
    }
    return waiting(c, problem.reason, problem.message);
  };
  for (const c of initContainers) {
    const fieldPath = `spec.initContainers{${c.name}}`;
    if (blocked || now < cursor) {
      init.push(waiting(c, 'PodInitializing'));
      blocked = true;
      continue;
    }
    const refused = refuse(c, fieldPath);
    if (refused) {
      init.push(refused);
      blocked = true;
      continue;
    }
    const sidecar = c.restartPolicy === 'Always';
    const r = containerTimeline({ pod, container: c, fieldPath, restartPolicy: sidecar ? 'Always' : 'Never', startAt: cursor, now, time, initRunSeconds: sidecar ? undefined : INIT_RUN_SECONDS });
    init.push(r.status);
    events.push(...r.events);
    if (r.nextAt !== undefined) nexts.push(r.nextAt);
    if (!sidecar) {
      if ('terminated' in r.status.state) cursor += INIT_RUN_SECONDS * 1000;
      else blocked = true;
    } else if (startupDelayMs(c) > 0) {
      // The kubelet starts the next container once the sidecar is started (its startupProbe succeeded).
      const startedAt = cursor + startupDelayMs(c);
      if (now < startedAt) blocked = true;
      else cursor = startedAt;
    }
  }
  for (const c of pod.spec.containers) {
    const fieldPath = `spec.containers{${c.name}}`;
    if (blocked) {
      main.push(waiting(c, mainWaiting));
      continue;
    }
    const refused = refuse(c, fieldPath);
    if (refused) {
      main.push(refused);
      continue;
    }
    const r = containerTimeline({ pod, container: c, fieldPath, restartPolicy: pod.spec.restartPolicy ?? 'Always', startAt: cursor, now, time });
    main.push(r.status);
    events.push(...r.events);
    if (r.nextAt !== undefined) nexts.push(r.nextAt);
  }

  const phase = podPhase(pod, init, main);
  const conditions = mergeConditions(pod.status?.conditions, kubeletConditions(pod, { sandboxReady, phase, init, main }), rfc3339(i.nowMs));
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: i.hostIP,
    hostIPs: [{ ip: i.hostIP }],
    ...(sandboxReady ? { podIP: i.podIP, podIPs: [{ ip: i.podIP }] } : {}),
    startTime: rfc3339(i.startMs),
    ...(initContainers.length ? { initContainerStatuses: init } : {}),
    containerStatuses: main,
    qosClass: pod.status?.qosClass ?? qosClass([...initContainers, ...pod.spec.containers]),
  };
  const done = phase === 'Succeeded' || phase === 'Failed';
  const next = done || !nexts.length ? undefined : Math.min(...nexts);
  return { status, events, nextMs: next === undefined ? undefined : i.startMs + Math.ceil(next / i.speed), blockedOnWorld: blockedOnWorld && !done, blockedOnMounts, blockedOnClaims: claims !== undefined && !done };
}

/**
 * The status of a pod the kubelet refused to admit (kubelet.go rejectPod): phase Failed with the
 * admission's reason and `Pod was rejected: <message>`, the QoS class, and the start time the status
 * manager sets on a pod's first status. No container ever runs.
 */
export function rejectedStatus(pod: Pod, verdict: { reason: string; message: string }, nowMs: number): PodStatus {
  return {
    phase: 'Failed',
    reason: verdict.reason,
    message: `Pod was rejected: ${verdict.message}`,
    startTime: pod.status?.startTime ?? rfc3339(nowMs),
    qosClass: pod.status?.qosClass ?? qosClass([...(pod.spec.initContainers ?? []), ...pod.spec.containers]),
  };
}

/**
 * The final status of a pod whose containers the kubelet stopped (deletion): running containers end
 * with exit 0 at `nowMs`, and the pod takes a terminal phase (Succeeded when every container exited 0,
 * else Failed), as kubelets since 1.27 do before deleting the pod.
 */
export function terminatedStatus(pod: Pod, nowMs: number): PodStatus {
  const old = pod.status ?? {};
  if (old.phase === 'Succeeded' || old.phase === 'Failed') return old;
  const finishedAt = rfc3339(nowMs);
  const stop = (s: ContainerStatus): ContainerStatus => {
    if (!('running' in s.state)) return { ...s, ready: false, started: false };
    const terminated = { exitCode: 0, reason: 'Completed', startedAt: s.state.running.startedAt, finishedAt, containerID: s.containerID };
    return { ...s, state: { terminated }, ready: false, started: false };
  };
  const init = (old.initContainerStatuses ?? []).map(stop);
  const main = (old.containerStatuses ?? []).map(stop);
  const allSucceeded = main.length > 0 && main.every((s) => 'terminated' in s.state && s.state.terminated.exitCode === 0);
  const phase = allSucceeded ? 'Succeeded' : 'Failed';
  const conditions = mergeConditions(old.conditions, kubeletConditions(pod, { sandboxReady: false, phase, init, main }), finishedAt);
  return { ...old, phase, conditions, ...(init.length ? { initContainerStatuses: init } : {}), containerStatuses: main };
}

function waiting(c: Container, reason: string, message?: string): ContainerStatus {
  const ref = parseImage(c.image ?? '');
  return {
    name: c.name,
    state: { waiting: message ? { reason, message } : { reason } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: ref ? normalizedImage(ref) : (c.image ?? ''),
    imageID: '',
    started: false,
  };
}

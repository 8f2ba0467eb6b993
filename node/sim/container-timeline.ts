// One container's simulated life, as a pure function of simulated time: pulled, created and started at
// `startAt`, ready after its readinessProbe's initialDelaySeconds, exiting after `sim.k8ts.io/run-seconds`
// when it is meant to exit (a Job's pod, an exit code or a crash loop asked for by annotation), and
// restarted per restartPolicy with the kubelet's container backoff: 10 s doubling to 5 min
// (backOffPeriod and MaxContainerBackOff in kuberuntime), waiting in CrashLoopBackOff meanwhile.
import { normalizedImage, parseImage, pullPolicy, simulatedImageID } from './image-reference.js';
import { createHash } from 'node:crypto';
import {
  ANNOTATION_CRASH_LOOP,
  ANNOTATION_EXIT_CODE,
  ANNOTATION_READY,
  ANNOTATION_RUN_SECONDS,
  podDescription,
  type Container,
  type ContainerState,
  type ContainerStatus,
  type Pod,
} from './types.js';

/** How long a container meant to exit runs when no annotation says (simulated seconds). */
export const DEFAULT_RUN_SECONDS = 2;
export const BACKOFF_INITIAL_SECONDS = 10;
export const BACKOFF_MAX_SECONDS = 300;

/** A moment on the pod's simulated timeline: ms since the kubelet began the pod. */
export type SimMs = number;

export interface SimEvent {
  /** Unique per occurrence, so that the shell records each once. */
  key: string;
  at: SimMs;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  fieldPath?: string;
}

export interface TimelineInput {
  pod: Pod;
  container: Container;
  /** `spec.containers{c}` or `spec.initContainers{c}`. */
  fieldPath: string;
  restartPolicy: string;
  /** When the container is first started. */
  startAt: SimMs;
  now: SimMs;
  /** Turns a simulated moment into an API timestamp. */
  time: (at: SimMs) => string;
  /** An init container that is not a sidecar: runs this many seconds and exits 0, whatever the annotations. */
  initRunSeconds?: number;
}

export interface TimelineResult {
  status: ContainerStatus;
  events: SimEvent[];
  /** The next moment this container's status changes, if any. */
  nextAt?: SimMs;
}

/** The delay before the n-th restart (n ≥ 1): 10 s, 20 s, 40 s… capped at 5 min. */
export function backoffSeconds(restart: number): number {
  return Math.min(BACKOFF_INITIAL_SECONDS * 2 ** Math.max(0, restart - 1), BACKOFF_MAX_SECONDS);
}

export function containerTimeline(i: TimelineInput): TimelineResult {
  const { pod, container: c, now } = i;
  const a = pod.metadata.annotations ?? {};
  const crash = a[ANNOTATION_CRASH_LOOP] === 'true';
  const annotatedCode = a[ANNOTATION_EXIT_CODE] !== undefined ? Number.parseInt(a[ANNOTATION_EXIT_CODE], 10) : undefined;
  const init = i.initRunSeconds !== undefined;
  const code = init ? 0 : crash ? annotatedCode || 1 : (annotatedCode ?? 0);
  const runMs = 1000 * (i.initRunSeconds ?? numberOr(a[ANNOTATION_RUN_SECONDS], DEFAULT_RUN_SECONDS));
  const exits = init || i.restartPolicy !== 'Always' || crash || annotatedCode !== undefined;
  const restarts = !init && (i.restartPolicy === 'Always' || (i.restartPolicy === 'OnFailure' && code !== 0));
  const readyDelayMs = 1000 * (c.readinessProbe?.initialDelaySeconds ?? 0);
  const neverReady = a[ANNOTATION_READY] === 'false';
  const ref = parseImage(c.image ?? '')!;
  const image = normalizedImage(ref);
  const policy = pullPolicy(c.image ?? '', c.imagePullPolicy);
  const events: SimEvent[] = [];
  const ev = (key: string, at: SimMs, type: SimEvent['type'], reason: string, message: string) =>
    events.push({ key: `${c.name}/${key}`, at, type, reason, message, fieldPath: i.fieldPath });

  let start = i.startAt;
  let restartCount = 0;
  let lastState: ContainerStatus['lastState'] = {};
  for (;;) {
    const id = containerID(pod, c.name, restartCount);
    if (restartCount === 0 || policy === 'Always') {
      ev(`pulling/${restartCount}`, start, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
      ev(`pulled/${restartCount}`, start, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in 0s (0s including waiting). Image size: 0 bytes.`);
    } else {
      ev(`pulled/${restartCount}`, start, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
    }
    ev(`created/${restartCount}`, start, 'Normal', 'Created', `Created container: ${c.name}`);
    ev(`started/${restartCount}`, start, 'Normal', 'Started', `Started container ${c.name}`);
    const base = { name: c.name, image, imageID: simulatedImageID(ref), containerID: id, restartCount, lastState };
    const exitAt = start + runMs;
    if (!exits || now < exitAt) {
      const readyAt = start + readyDelayMs;
      const ready = !neverReady && now >= readyAt;
      const nextAt = [exits ? exitAt : undefined, !neverReady && !ready ? readyAt : undefined].filter((t): t is number => t !== undefined);
      const state: ContainerState = { running: { startedAt: i.time(start) } };
      return { status: { ...base, state, ready, started: true }, events, nextAt: nextAt.length ? Math.min(...nextAt) : undefined };
    }
    const terminated: ContainerState = {
      terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: i.time(start), finishedAt: i.time(exitAt), containerID: id },
    };
    if (!restarts) return { status: { ...base, state: terminated, ready: false, started: false }, events };
    const delay = backoffSeconds(restartCount + 1);
    const restartAt = exitAt + delay * 1000;
    ev(`backoff/${restartCount}`, exitAt, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDescription(pod)}`);
    if (now < restartAt) {
      const message = `back-off ${delay}s restarting failed container=${c.name} pod=${podDescription(pod)}`;
      const state: ContainerState = { waiting: { reason: 'CrashLoopBackOff', message } };
      return { status: { ...base, state, lastState: terminated, ready: false, started: false }, events, nextAt: restartAt };
    }
    restartCount++;
    lastState = terminated;
    start = restartAt;
  }
}

/** A stable made-up container ID for the n-th run of a container of a pod. */
export function containerID(pod: Pod, name: string, run: number): string {
  return `sim://${createHash('sha256').update(`${pod.metadata.uid}/${name}/${run}`).digest('hex')}`;
}

function numberOr(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

// One container's simulated life, as a pure function of simulated time: pulled, created and started at
// `startAt`; started (`started: true`) once its startupProbe's initialDelaySeconds have passed (the probe
// succeeds at its first try; at once without a startupProbe); ready once started and its readinessProbe's
// initialDelaySeconds, counted from the container's start, have passed (the prober runs no other probe
// before startup succeeds); exiting after `sim.k8ts.io/run-seconds` when it is meant to exit (a Job's
// pod, an exit code or a crash loop asked for by annotation), and restarted per restartPolicy with the
// kubelet's container backoff (kuberuntime doBackOff over flowcontrol.Backoff, backOffPeriod 10 s,
// MaxContainerBackOff 5 min): the first exit is restarted at the next sync, without back-off, and starts
// the backoff at 10 s; each later exit waits out the current backoff in CrashLoopBackOff, and the next
// restart doubles it up to 5 min. A container that ran longer than twice the maximum before exiting
// starts over without back-off.
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
/** How long after an exit without back-off the container runs again: the PLEG's relist period (1 s), which notices the exit and syncs the pod. */
export const RESTART_SECONDS = 1;

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

/**
 * The back-off before the n-th restart (n ≥ 1) of a container that keeps exiting soon after it starts:
 * none before the first (it only starts the backoff), then 10 s, 20 s, 40 s… capped at 5 min.
 */
export function backoffSeconds(restart: number): number {
  if (restart <= 1) return 0;
  return Math.min(BACKOFF_INITIAL_SECONDS * 2 ** (restart - 2), BACKOFF_MAX_SECONDS);
}

/** How long after its start a container counts as started: its startupProbe's initialDelaySeconds (0 without one). */
export function startupDelayMs(c: Container): number {
  return c.startupProbe ? 1000 * (c.startupProbe.initialDelaySeconds ?? 0) : 0;
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
  const startupDelay = startupDelayMs(c);
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
  /** flowcontrol.Backoff's entry for this container: the current backoff and when it last moved. */
  let backoff: { seconds: number; updatedAt: SimMs } | undefined;
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
      const startedAt = start + startupDelay;
      const started = now >= startedAt;
      const readyAt = Math.max(startedAt, start + readyDelayMs);
      const ready = !neverReady && now >= readyAt;
      const nextAt = [exits ? exitAt : undefined, !started ? startedAt : undefined, !neverReady && !ready ? readyAt : undefined].filter((t): t is number => t !== undefined);
      const state: ContainerState = { running: { startedAt: i.time(start) } };
      return { status: { ...base, state, ready, started }, events, nextAt: nextAt.length ? Math.min(...nextAt) : undefined };
    }
    const terminated: ContainerState = {
      terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: i.time(start), finishedAt: i.time(exitAt), containerID: id },
    };
    if (!restarts) return { status: { ...base, state: terminated, ready: false, started: false }, events };
    let restartAt: SimMs;
    if (backoff && exitAt - backoff.updatedAt <= 2 * BACKOFF_MAX_SECONDS * 1000) {
      // IsInBackOffSince(finishedAt): CrashLoopBackOff until the backoff has passed since the exit.
      restartAt = exitAt + backoff.seconds * 1000;
      ev(`backoff/${restartCount}`, exitAt, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDescription(pod)}`);
      if (now < restartAt) {
        const message = `back-off ${backoff.seconds}s restarting failed container=${c.name} pod=${podDescription(pod)}`;
        const state: ContainerState = { waiting: { reason: 'CrashLoopBackOff', message } };
        return { status: { ...base, state, lastState: terminated, ready: false, started: false }, events, nextAt: restartAt };
      }
      backoff = { seconds: Math.min(backoff.seconds * 2, BACKOFF_MAX_SECONDS), updatedAt: restartAt };
    } else {
      // Not in backoff: restarted at the next sync, which starts (or restarts) the backoff at 10 s.
      // Meanwhile the status still shows the exited container.
      restartAt = exitAt + RESTART_SECONDS * 1000;
      if (now < restartAt) return { status: { ...base, state: terminated, ready: false, started: false }, events, nextAt: restartAt };
      backoff = { seconds: BACKOFF_INITIAL_SECONDS, updatedAt: restartAt };
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

// From the metrics' proposal to the replica count the controller writes (mirrors upstream
// HorizontalController's normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors):
// stabilisation over recent recommendations, then the scale rate limits and min/max clamping. The
// memory of one HPA (recent recommendations and scale events) is passed in and handed back updated;
// the controller keeps it per key, in memory, as upstream does. Pure: time is `nowMs`.
import type { HPAScalingRules, HorizontalPodAutoscalerBehavior } from './types.js';

export interface Recommendation {
  replicas: number;
  atMs: number;
}

export interface ScaleEvent {
  change: number;
  atMs: number;
}

export interface AutoscalerMemory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface NormalizeInput {
  currentReplicas: number;
  /** The metrics' proposal (max over metrics). */
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  /** spec.behavior; null/undefined selects upstream's behaviour-less path. */
  behavior?: HorizontalPodAutoscalerBehavior | null;
  nowMs: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization; default 300 s. */
  downscaleStabilizationMs?: number;
}

export interface ConditionText {
  reason: string;
  message: string;
}

export interface Normalized {
  desiredReplicas: number;
  /** The AbleToScale condition (status True) this decision sets. */
  ableToScale: ConditionText;
  /** The ScalingLimited condition: `limited` tells True from False. */
  scalingLimited: ConditionText & { limited: boolean };
  memory: AutoscalerMemory;
}

export const DEFAULT_DOWNSCALE_STABILIZATION_MS = 300_000;

/** Defaults the apiserver fills in (autoscaling/v2 SetDefaults_HorizontalPodAutoscalerBehavior), for HPAs stored without them. */
export function scaleUpRules(r: HPAScalingRules | null | undefined): Required<{ [K in keyof HPAScalingRules]: NonNullable<HPAScalingRules[K]> }> {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? 0,
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function scaleDownRules(r: HPAScalingRules | null | undefined, downscaleStabilizationMs: number): ReturnType<typeof scaleUpRules> {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? Math.round(downscaleStabilizationMs / 1000),
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

const READY: ConditionText = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const DOWN_STABILIZED: ConditionText = {
  reason: 'ScaleDownStabilized',
  message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
};
const UP_STABILIZED: ConditionText = {
  reason: 'ScaleUpStabilized',
  message: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
};
const WITHIN: ConditionText = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
const TOO_MANY: ConditionText = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const TOO_FEW: ConditionText = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
const UP_LIMIT: ConditionText = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
const DOWN_LIMIT: ConditionText = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };

/** The memory of a new HPA: its current size as the first recommendation (upstream recordInitialRecommendation). */
export function initialMemory(currentReplicas: number, nowMs: number): AutoscalerMemory {
  return { recommendations: [{ replicas: currentReplicas, atMs: nowMs }], scaleUpEvents: [], scaleDownEvents: [] };
}

export function normalizeDesiredReplicas(input: NormalizeInput, memory: AutoscalerMemory): Normalized {
  return input.behavior ? withBehavior(input, input.behavior, memory) : withoutBehavior(input, memory);
}

/** No behavior: the highest recommendation of the downscale window, then min/max and a 2×-or-4 growth cap. */
function withoutBehavior(input: NormalizeInput, memory: AutoscalerMemory): Normalized {
  const { currentReplicas, desiredReplicas, nowMs } = input;
  const cutoff = nowMs - (input.downscaleStabilizationMs ?? DEFAULT_DOWNSCALE_STABILIZATION_MS);
  let stabilized = desiredReplicas;
  let oldIndex = -1;
  memory.recommendations.forEach((r, i) => {
    if (r.atMs < cutoff) oldIndex = i;
    else stabilized = Math.max(stabilized, r.replicas);
  });
  const recommendations = replaceOrAppend(memory.recommendations, oldIndex, { replicas: desiredReplicas, atMs: nowMs });
  const ableToScale = stabilized !== desiredReplicas ? DOWN_STABILIZED : READY;
  const scaleUpLimit = Math.trunc(Math.max(2 * currentReplicas, 4));
  const [maxAllowed, overMax] = input.maxReplicas > scaleUpLimit ? [scaleUpLimit, UP_LIMIT] : [input.maxReplicas, TOO_MANY];
  let result: number;
  let why: ConditionText;
  if (stabilized < input.minReplicas) [result, why] = [input.minReplicas, TOO_FEW];
  else if (stabilized > maxAllowed) [result, why] = [maxAllowed, overMax];
  else [result, why] = [stabilized, WITHIN];
  return { desiredReplicas: result, ableToScale, scalingLimited: { ...why, limited: result !== stabilized }, memory: { ...memory, recommendations } };
}

/** With behavior: stabilise over each direction's window, then the policies' rate over their periods. */
function withBehavior(input: NormalizeInput, behavior: HorizontalPodAutoscalerBehavior, memory: AutoscalerMemory): Normalized {
  const { currentReplicas, desiredReplicas, nowMs } = input;
  const up = scaleUpRules(behavior.scaleUp);
  const down = scaleDownRules(behavior.scaleDown, input.downscaleStabilizationMs ?? DEFAULT_DOWNSCALE_STABILIZATION_MS);
  const upward = desiredReplicas >= currentReplicas;
  const windowMs = (upward ? up.stabilizationWindowSeconds : down.stabilizationWindowSeconds) * 1000;
  const obsoleteCutoff = nowMs - Math.max(up.stabilizationWindowSeconds, down.stabilizationWindowSeconds) * 1000;
  const cutoff = nowMs - windowMs;
  let stabilized = desiredReplicas;
  let oldIndex = -1;
  memory.recommendations.forEach((r, i) => {
    if (r.atMs > cutoff) stabilized = upward ? Math.min(stabilized, r.replicas) : Math.max(stabilized, r.replicas);
    if (r.atMs < obsoleteCutoff) oldIndex = i;
  });
  const recommendations = replaceOrAppend(memory.recommendations, oldIndex, { replicas: desiredReplicas, atMs: nowMs });
  const ableToScale = stabilized !== desiredReplicas ? (upward ? UP_STABILIZED : DOWN_STABILIZED) : READY;

  let result = stabilized;
  let why = WITHIN;
  if (stabilized > currentReplicas) {
    const limit = Math.max(scaleUpLimit(currentReplicas, memory.scaleUpEvents, up, nowMs), currentReplicas);
    const [maxAllowed, reason] = input.maxReplicas > limit ? [limit, UP_LIMIT] : [input.maxReplicas, TOO_MANY];
    if (stabilized > maxAllowed) [result, why] = [maxAllowed, reason];
  } else if (stabilized < currentReplicas) {
    const limit = Math.min(scaleDownLimit(currentReplicas, memory.scaleDownEvents, down, nowMs), currentReplicas);
    const [minAllowed, reason] = input.minReplicas < limit ? [limit, DOWN_LIMIT] : [input.minReplicas, TOO_FEW];
    if (stabilized < minAllowed) [result, why] = [minAllowed, reason];
  }
  return { desiredReplicas: result, ableToScale, scalingLimited: { ...why, limited: result !== stabilized }, memory: { ...memory, recommendations } };
}

function replaceOrAppend<T>(list: readonly T[], index: number, item: T): T[] {
  const next = [...list];
  if (index >= 0) next[index] = item;
  else next.push(item);
  return next;
}

/** Replicas added (or removed) within the last `periodSeconds` (upstream getReplicasChangePerPeriod). */
function changeInPeriod(events: readonly ScaleEvent[], periodSeconds: number, nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  return events.filter((e) => e.atMs > cutoff).reduce((sum, e) => sum + e.change, 0);
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the policies allow now. */
export function scaleUpLimit(currentReplicas: number, events: readonly ScaleEvent[], rules: ReturnType<typeof scaleUpRules>, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result: number | undefined;
  for (const p of rules.policies) {
    const start = currentReplicas - changeInPeriod(events, p.periodSeconds, nowMs);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = result === undefined ? proposed : pick(result, proposed);
  }
  return result ?? (rules.selectPolicy === 'Min' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER);
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the policies allow now. */
export function scaleDownLimit(currentReplicas: number, events: readonly ScaleEvent[], rules: ReturnType<typeof scaleUpRules>, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies) {
    const start = currentReplicas + changeInPeriod(events, p.periodSeconds, nowMs);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/**
 * Remembers a rescale for the rate limits (upstream storeScaleEvent): events older than the direction's
 * longest policy period are replaced rather than kept. Nothing is stored without behavior.
 */
export function recordScaleEvent(memory: AutoscalerMemory, behavior: HorizontalPodAutoscalerBehavior | null | undefined, from: number, to: number, nowMs: number): AutoscalerMemory {
  if (!behavior) return memory;
  const upward = to > from;
  const rules = upward ? scaleUpRules(behavior.scaleUp) : scaleDownRules(behavior.scaleDown, DEFAULT_DOWNSCALE_STABILIZATION_MS);
  const longest = Math.max(0, ...rules.policies.map((p) => p.periodSeconds));
  const events = upward ? memory.scaleUpEvents : memory.scaleDownEvents;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.atMs < nowMs - longest * 1000) oldIndex = i;
  });
  const next = replaceOrAppend(events, oldIndex, { change: Math.abs(to - from), atMs: nowMs });
  return upward ? { ...memory, scaleUpEvents: next } : { ...memory, scaleDownEvents: next };
}

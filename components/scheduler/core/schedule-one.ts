// One scheduling decision for one pod: PreFilter, Filter over a rotating window of nodes until
// enough feasible ones are found, Score, and host selection; on failure the FitError message and,
// unless disabled, preemption. Mirrors schedule_one.go (schedulePod, findNodesThatFitPod,
// findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost) without extenders
// or nominated pods. Pure: the caller keeps `nextStartIndex` between calls and injects randomness.

import type { Pod } from '../framework/api-types.js';
import { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { Profile } from '../framework/profile.js';
import type { LabelSelector } from '../framework/selectors.js';
import type { Snapshot } from '../framework/snapshot.js';
import { isRejected, statusMessage, type Status } from '../framework/status.js';
import { NO_NODES_AVAILABLE, fitErrorMessage, type Diagnosis } from './fit-error.js';
import { preempt, type PreemptionOptions } from './preemption.js';
import { compileProfile, prioritizeNodes, runFilters, runPreFilter, type NodePluginScores } from './run-plugins.js';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: all nodes below 100 or at 100%; else the (adaptive) percentage, at least 100. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage <= 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/**
 * selectHost: the highest total score; ties broken by reservoir sampling (the k-th tie replaces the
 * pick with probability 1/k). `random` returns [0, 1).
 */
export function selectHost(scores: readonly NodePluginScores[], random: () => number): string {
  if (scores.length === 0) throw new Error('empty priorityList');
  let best = scores[0]!;
  let ties = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i]!;
    if (s.totalScore > best.totalScore) {
      best = s;
      ties = 1;
    } else if (s.totalScore === best.totalScore) {
      ties++;
      if (Math.floor(random() * ties) === 0) best = s;
    }
  }
  return best.name;
}

export interface PlacementOptions {
  /** Where the node scan starts (the scheduler's nextStartNodeIndex); default 0. */
  startIndex?: number;
  /** Tie-breaking and preemption offset randomness, [0, 1); default Math.random. */
  random?: () => number;
  /** Selector of the pod's Services/ReplicaSets/StatefulSets for default topology spreading. */
  defaultSpreadSelector?: LabelSelector;
  /** Run DefaultPreemption on failure (default true). */
  preemption?: boolean | PreemptionOptions;
}

export interface Placed {
  readonly node: string;
  /** Feasible nodes found (at most numFeasibleNodesToFind). */
  readonly feasible: number;
  /** Nodes the filters ran on. */
  readonly evaluated: number;
  readonly scores: readonly NodePluginScores[];
  readonly nextStartIndex: number;
}

export interface Unschedulable {
  readonly unschedulable: true;
  /** The PodScheduled condition / FailedScheduling event message. */
  readonly message: string;
  readonly diagnosis: Diagnosis;
  readonly nextStartIndex: number;
  /** Set when preemption found room: the node to nominate and the pods to evict. */
  readonly nominatedNode?: string;
  readonly victims?: readonly Pod[];
}

export type Placement = Placed | Unschedulable;

function unschedulableResult(pod: Pod, snapshot: Snapshot, profile: Profile, d: Diagnosis, next: number, opts: PlacementOptions): Unschedulable {
  let nominated: { nominatedNode?: string; victims?: readonly Pod[] } = {};
  if (opts.preemption !== false) {
    const popts = typeof opts.preemption === 'object' ? opts.preemption : {};
    const r = preempt(pod, snapshot, profile, d, { random: opts.random, defaultSpreadSelector: opts.defaultSpreadSelector, ...popts });
    if ('message' in r) d.postFilterMsg = r.message;
    else nominated = r;
  }
  return { unschedulable: true, message: fitErrorMessage(snapshot.nodeInfos.length, d), diagnosis: d, nextStartIndex: next, ...nominated };
}

/** schedulePod for `pod` against `snapshot` with `profile`. */
export function findPlacement(pod: Pod, snapshot: Snapshot, profile: Profile, options: PlacementOptions = {}): Placement {
  const random = options.random ?? Math.random;
  const all = snapshot.nodeInfos;
  const n = all.length;
  const start = n === 0 ? 0 : (((options.startIndex ?? 0) % n) + n) % n;
  if (n === 0) {
    const d: Diagnosis = { nodeToStatus: new Map(), unschedulablePlugins: new Set() };
    return { unschedulable: true, message: NO_NODES_AVAILABLE, diagnosis: d, nextStartIndex: 0 };
  }
  const fw = compileProfile(profile);
  const state = new CycleState(snapshot, { defaultSpreadSelector: options.defaultSpreadSelector });
  const pre = runPreFilter(fw, state, pod);
  if (!isRejected(pre.status) && pre.status.code !== 'Success') throw new Error(`running PreFilter plugin ${pre.status.plugin}: ${statusMessage(pre.status)}`);
  if (isRejected(pre.status)) {
    const d: Diagnosis = {
      nodeToStatus: new Map(),
      absentStatus: pre.status,
      unschedulablePlugins: new Set([pre.status.plugin ?? '']),
      preFilterMsg: statusMessage(pre.status),
    };
    return unschedulableResult(pod, snapshot, profile, d, start, options);
  }

  const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, n);
  const feasible: NodeInfo[] = [];
  const nodeToStatus = new Map<string, Status>();
  const unschedulablePlugins = new Set<string>();
  let processed = 0;
  for (let i = 0; i < n && feasible.length < toFind; i++) {
    const info = all[(start + i) % n]!;
    processed++;
    const s = runFilters(fw, state, pod, info, pre.skipped);
    if (s.code === 'Success') feasible.push(info);
    else if (isRejected(s)) {
      nodeToStatus.set(info.name, s);
      if (s.plugin) unschedulablePlugins.add(s.plugin);
    } else throw new Error(`running Filter plugin ${s.plugin}: ${statusMessage(s)}`);
  }
  const next = (start + processed) % n;
  if (feasible.length === 0) {
    return unschedulableResult(pod, snapshot, profile, { nodeToStatus, unschedulablePlugins }, next, options);
  }
  if (feasible.length === 1) {
    return { node: feasible[0]!.name, feasible: 1, evaluated: processed, scores: [], nextStartIndex: next };
  }
  const scores = prioritizeNodes(fw, state, pod, feasible);
  return { node: selectHost(scores, random), feasible: feasible.length, evaluated: processed, scores, nextStartIndex: next };
}

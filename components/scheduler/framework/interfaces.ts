// The extension points, each a small interface (kube-scheduler framework/interface.go): PreFilter
// (with its AddPod/RemovePod extensions for preemption), Filter, PreScore, Score with
// NormalizeScore, and Bind. All but Bind are pure and synchronous; a plugin implements any subset.

import type { Pod } from './api-types.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

/** framework.MaxNodeScore / MinNodeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** Success, Skip (the plugin's Filter is not run this cycle) or a rejection of every node. */
  preFilter(state: CycleState, pod: Pod): Status;
  /** Preemption's dry runs: update the PreFilter state as if `added` were on `nodeInfo`. */
  addPod?(state: CycleState, pod: Pod, added: PodInfo, nodeInfo: NodeInfo): void;
  removePod?(state: CycleState, pod: Pod, removed: PodInfo, nodeInfo: NodeInfo): void;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  /** Success, or Skip (the plugin's Score is not run this cycle). */
  preScore(state: CycleState, pod: Pod, feasible: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  readonly name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  /** The raw score; NormalizeScore (when present) maps the raw scores into 0..MAX_NODE_SCORE. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

/** Binding does I/O and lives with the caller (DefaultBinder posts a Binding); only its shape is here. */
export interface BindPlugin extends Plugin {
  bind(pod: Pod, nodeName: string, signal: AbortSignal): Promise<Status>;
}

export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as PreFilterPlugin).preFilter === 'function';
}
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as FilterPlugin).filter === 'function';
}
export function isPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as PreScorePlugin).preScore === 'function';
}
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as ScorePlugin).score === 'function';
}

// Runs a profile's plugins at each extension point, as the framework runtime does
// (pkg/scheduler/framework/runtime/framework.go): PreFilter in order, stopping at the first
// rejection and remembering plugins that asked to be skipped; Filter in order, stopping at the
// first non-success; PreScore, Score, NormalizeScore and the weighted sum. Shared by
// schedule-one.ts and preemption.ts. Pure and synchronous.

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import {
  isFilter,
  isPreFilter,
  isPreScore,
  isScore,
  type FilterPlugin,
  type NodeScore,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Profile } from '../framework/profile.js';
import { SUCCESS, isSuccess, withPlugin, type Status } from '../framework/status.js';

export interface CompiledProfile {
  readonly profile: Profile;
  readonly preFilter: readonly PreFilterPlugin[];
  readonly filter: readonly FilterPlugin[];
  readonly preScore: readonly PreScorePlugin[];
  readonly score: ReadonlyArray<{ plugin: ScorePlugin; weight: number }>;
}

const compiled = new WeakMap<Profile, CompiledProfile>();

export function compileProfile(profile: Profile): CompiledProfile {
  let c = compiled.get(profile);
  if (!c) {
    const plugins = profile.plugins;
    c = {
      profile,
      preFilter: plugins.map((e) => e.plugin).filter(isPreFilter),
      filter: plugins.map((e) => e.plugin).filter(isFilter),
      preScore: plugins.map((e) => e.plugin).filter(isPreScore),
      score: plugins.filter((e) => isScore(e.plugin)).map((e) => ({ plugin: e.plugin as ScorePlugin, weight: e.weight || 1 })),
    };
    compiled.set(profile, c);
  }
  return c;
}

/** PreFilter: the first rejection (with its plugin), or Success and the plugins that returned Skip. */
export function runPreFilter(fw: CompiledProfile, state: CycleState, pod: Pod): { status: Status; skipped: Set<string> } {
  const skipped = new Set<string>();
  for (const p of fw.preFilter) {
    const s = p.preFilter(state, pod);
    if (s.code === 'Skip') skipped.add(p.name);
    else if (!isSuccess(s)) return { status: withPlugin(s, p.name), skipped };
  }
  return { status: SUCCESS, skipped };
}

/** Filter: Success, or the first plugin's rejection. */
export function runFilters(fw: CompiledProfile, state: CycleState, pod: Pod, nodeInfo: NodeInfo, skipped: ReadonlySet<string>): Status {
  for (const p of fw.filter) {
    if (skipped.has(p.name)) continue;
    const s = p.filter(state, pod, nodeInfo);
    if (!isSuccess(s)) return withPlugin(s, p.name);
  }
  return SUCCESS;
}

/** RunPreFilterExtensionAddPod / RemovePod for preemption's dry runs. */
export function runPreFilterExtensions(fw: CompiledProfile, state: CycleState, pod: Pod, change: { added?: PodInfo; removed?: PodInfo }, nodeInfo: NodeInfo, skipped: ReadonlySet<string>): void {
  for (const p of fw.preFilter) {
    if (skipped.has(p.name)) continue;
    if (change.added) p.addPod?.(state, pod, change.added, nodeInfo);
    if (change.removed) p.removePod?.(state, pod, change.removed, nodeInfo);
  }
}

export interface NodePluginScores {
  readonly name: string;
  /** Per plugin: normalized score times the plugin's weight. */
  readonly scores: Record<string, number>;
  totalScore: number;
}

/** PreScore, Score and NormalizeScore over the feasible nodes; returns one entry per node, in order. */
export function prioritizeNodes(fw: CompiledProfile, state: CycleState, pod: Pod, feasible: readonly NodeInfo[]): NodePluginScores[] {
  const skipped = new Set<string>();
  for (const p of fw.preScore) {
    const s = p.preScore(state, pod, feasible);
    if (s.code === 'Skip') skipped.add(p.name);
    else if (!isSuccess(s)) throw new Error(`running PreScore plugin ${p.name}: ${s.reasons.join(', ')}`);
  }
  const result: NodePluginScores[] = feasible.map((n) => ({ name: n.name, scores: {}, totalScore: 0 }));
  for (const { plugin, weight } of fw.score) {
    if (skipped.has(plugin.name)) continue;
    const list: NodeScore[] = feasible.map((n) => ({ name: n.name, score: plugin.score(state, pod, n) }));
    plugin.normalizeScore?.(state, pod, list);
    list.forEach((s, i) => {
      const weighted = s.score * weight;
      result[i]!.scores[plugin.name] = weighted;
      result[i]!.totalScore += weighted;
    });
  }
  return result;
}

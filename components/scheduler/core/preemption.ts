// DefaultPreemption (PostFilter) as a pure function: for a pod no node fits, find nodes where
// evicting lower-priority pods makes it fit, pick victims minimally (remove every lower-priority
// pod, then reprieve the most important ones first while the pod still fits), and choose one node
// (pick-node.ts). Mirrors plugins/defaultpreemption SelectVictimsOnNode / PodEligibleToPreemptOthers
// and framework/preemption Evaluator.Preempt / findCandidates / DryRunPreemption
// (minCandidateNodesPercentage 10, minCandidateNodesAbsolute 100, random offset). PDBs are not
// read: `pdbViolation` is the hook a caller may supply; without it no victim violates a PDB.

import { podPriority, type Pod } from '../framework/api-types.js';
import { CycleState } from '../framework/cycle-state.js';
import { addPod, cloneNodeInfo, removePod, type NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Profile } from '../framework/profile.js';
import type { LabelSelector } from '../framework/selectors.js';
import type { Snapshot } from '../framework/snapshot.js';
import { isSuccess, unresolvable, type Status } from '../framework/status.js';
import { fitErrorMessage, type Diagnosis } from './fit-error.js';
import { moreImportantPod, pickOneNodeForPreemption, type Candidate } from './pick-node.js';
import { compileProfile, runFilters, runPreFilter, runPreFilterExtensions, type CompiledProfile } from './run-plugins.js';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface PreemptionOptions {
  random?: () => number;
  defaultSpreadSelector?: LabelSelector;
  /** Would evicting `victim` violate a PodDisruptionBudget? Default: never. */
  pdbViolation?: (victim: Pod) => boolean;
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
  /** Wall clock for victims that have not started yet (GetPodStartTime uses now); default Date.now(). */
  now?: number;
}

export type PreemptionResult = { nominatedNode: string; victims: Pod[] } | { message: string };

/** PodEligibleToPreemptOthers; the reason carries upstream's text. */
function ineligible(pod: Pod, snapshot: Snapshot, d: Diagnosis): string | undefined {
  if (pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  if (statusOf(d, nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
  const info = snapshot.byName.get(nominated);
  const terminating = info?.pods.some(({ pod: p }) =>
    podPriority(p) < podPriority(pod) && !!p.metadata.deletionTimestamp &&
    (p.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler'));
  return terminating ? 'not eligible due to a terminating pod on the nominated node.' : undefined;
}

function statusOf(d: Diagnosis, node: string): Status | undefined {
  return d.nodeToStatus.get(node) ?? d.absentStatus;
}

interface Victims {
  status: Status;
  victims: Pod[];
  numPDBViolations: number;
}

/** SelectVictimsOnNode on a private copy of the node and cycle state. */
function selectVictimsOnNode(fw: CompiledProfile, base: CycleState, pod: Pod, original: NodeInfo, skipped: ReadonlySet<string>, opts: PreemptionOptions, now: number): Victims {
  const state = base.clone();
  const info = cloneNodeInfo(original);
  const potential: PodInfo[] = info.pods.filter((p) => podPriority(p.pod) < podPriority(pod));
  for (const pi of potential) {
    removePod(info, pi.pod);
    runPreFilterExtensions(fw, state, pod, { removed: pi }, info, skipped);
  }
  if (potential.length === 0) return { status: unresolvable(NO_VICTIMS), victims: [], numPDBViolations: 0 };
  const fits = runFilters(fw, state, pod, info, skipped);
  if (!isSuccess(fits)) return { status: fits, victims: [], numPDBViolations: 0 };
  potential.sort((a, b) => (moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0));
  const violates = opts.pdbViolation ?? (() => false);
  const violating = potential.filter((p) => violates(p.pod));
  const nonViolating = potential.filter((p) => !violates(p.pod));
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (pi: PodInfo): boolean => {
    addPod(info, pi);
    runPreFilterExtensions(fw, state, pod, { added: pi }, info, skipped);
    if (isSuccess(runFilters(fw, state, pod, info, skipped))) return true;
    removePod(info, pi.pod);
    runPreFilterExtensions(fw, state, pod, { removed: pi }, info, skipped);
    victims.push(pi);
    return false;
  };
  for (const pi of violating) if (!reprieve(pi)) numPDBViolations++;
  for (const pi of nonViolating) reprieve(pi);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => (moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0));
  return { status: { code: 'Success', reasons: [] }, victims: victims.map((v) => v.pod), numPDBViolations };
}

/** Evaluator.Preempt: a node to nominate with its victims, or the PostFilter message ("preemption: ..."). */
export function preempt(pod: Pod, snapshot: Snapshot, profile: Profile, diagnosis: Diagnosis, opts: PreemptionOptions = {}): PreemptionResult {
  const reason = ineligible(pod, snapshot, diagnosis);
  if (reason) return { message: `preemption: ${reason}` };
  const all = snapshot.nodeInfos;
  const potential = all.filter((n) => statusOf(diagnosis, n.name)?.code === 'Unschedulable');
  const nodeStatuses = new Map<string, Status>();
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    const fw = compileProfile(profile);
    const state = new CycleState(snapshot, { defaultSpreadSelector: opts.defaultSpreadSelector });
    const { skipped } = runPreFilter(fw, state, pod);
    const random = opts.random ?? Math.random;
    const now = opts.now ?? Date.now();
    const offset = Math.floor(random() * potential.length);
    const pct = opts.minCandidateNodesPercentage ?? 10;
    const abs = opts.minCandidateNodesAbsolute ?? 100;
    const numCandidates = Math.min(potential.length, Math.max(Math.trunc((potential.length * pct) / 100), abs));
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < potential.length; i++) {
      const info = potential[(offset + i) % potential.length]!;
      const r = selectVictimsOnNode(fw, state, pod, info, skipped, opts, now);
      if (isSuccess(r.status) && r.victims.length > 0) {
        const c: Candidate = { node: info.name, victims: r.victims, numPDBViolations: r.numPDBViolations };
        (r.numPDBViolations === 0 ? nonViolating : violating).push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      nodeStatuses.set(info.name, r.status);
    }
    candidates.push(...nonViolating, ...violating);
  }
  if (candidates.length === 0) {
    const d: Diagnosis = { nodeToStatus: nodeStatuses, absentStatus: unresolvable(NOT_HELPFUL), unschedulablePlugins: new Set() };
    return { message: `preemption: ${fitErrorMessage(all.length, d)}` };
  }
  const best = pickOneNodeForPreemption(candidates, opts.now ?? Date.now());
  return { nominatedNode: best.node, victims: [...best.victims] };
}

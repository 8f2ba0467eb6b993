// PodInfo: a pod with what the scheduler derives from it once (parsed inter-pod affinity terms and
// its resource requests). Mirrors framework.NewPodInfo / fwk.AffinityTerm
// (getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means the pod's own).

import type { Labels, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from './api-types.js';
import { computePodResource, type PodResource } from './resources.js';
import { EVERYTHING, NOTHING, labelSelector, matchesLabels, type LabelSelector } from './selectors.js';

export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelSelector;
  readonly selector: LabelSelector;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

export interface PodInfo {
  readonly pod: Pod;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  readonly resource: PodResource;
}

export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set<string>();
  if ((term.namespaces ?? []).length === 0 && term.namespaceSelector == null) namespaces.add(pod.metadata.namespace ?? 'default');
  else for (const ns of term.namespaces ?? []) namespaces.add(ns);
  return {
    namespaces,
    namespaceSelector: term.namespaceSelector == null ? NOTHING : labelSelector(term.namespaceSelector),
    selector: labelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

/** AffinityTerm.Matches: the pod's namespace is selected and its labels match the selector. */
export function affinityTermMatches(term: AffinityTerm, pod: Pod, nsLabels: Labels | undefined): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  if (term.namespaces.has(ns) || (term.namespaceSelector !== NOTHING && matchesLabels(term.namespaceSelector, nsLabels ?? {}))) {
    return matchesLabels(term.selector, pod.metadata.labels ?? {});
  }
  return false;
}

function weighted(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | null | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).filter((t) => t.weight !== 0).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

export function newPodInfo(pod: Pod): PodInfo {
  const a = pod.spec.affinity;
  return {
    pod,
    requiredAffinityTerms: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t)),
    requiredAntiAffinityTerms: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t)),
    preferredAffinityTerms: weighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    resource: computePodResource(pod),
  };
}

/** A term with its namespaceSelector resolved against known namespaces (mergeAffinityTermNamespacesIfNotEmpty). */
export function mergeTermNamespaces(term: AffinityTerm, namespaceLabels: ReadonlyMap<string, Labels> | undefined): AffinityTerm {
  if (term.namespaceSelector === NOTHING) return term;
  const namespaces = new Set(term.namespaces);
  if (term.namespaceSelector === EVERYTHING || (term.namespaceSelector.requirements.length === 0 && !term.namespaceSelector.matchNothing)) {
    // An empty namespaceSelector selects every namespace: keep it as a selector matching anything.
    return { ...term, namespaces };
  }
  for (const [ns, labels] of namespaceLabels ?? []) if (matchesLabels(term.namespaceSelector, labels)) namespaces.add(ns);
  return { ...term, namespaces, namespaceSelector: NOTHING };
}

export function hasPodAffinity(pod: Pod): boolean {
  const a = pod.spec.affinity;
  return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
}

export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}

// Aggregated ClusterRoles: the rules of a ClusterRole with an aggregationRule are the rules of every
// other ClusterRole its clusterRoleSelectors select. Pure and synchronous.
// Mirrors pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go syncClusterRole:
// for each selector in order, the selected roles sorted by name (itself skipped), their rules in
// order, a rule kept only if no semantically equal rule is already kept (nil and empty lists equal).
// The controller re-syncs every aggregating role whenever any ClusterRole changes; `aggregateClusterRoles`
// runs those syncs to the fixed point, so roles that aggregate aggregated roles (admin ← edit ← view)
// come out as in a settled cluster.
import { fromLabelSelectorObject, matchesLabels, type LabelSelector } from '../../selectors/label-selector.js';
import type { ClusterRole, PolicyRule } from '../types.js';

/**
 * The rules `role` aggregates from `all` (which may include `role` itself), or undefined when it has
 * no aggregationRule (nothing to do) or a selector is invalid (the controller fails and retries,
 * leaving the role as it is).
 */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] | undefined {
  if (!role.aggregationRule) return undefined;
  const rules: PolicyRule[] = [];
  for (const selectorObject of role.aggregationRule.clusterRoleSelectors ?? []) {
    const parsed = fromLabelSelectorObject(selectorObject);
    if (!parsed.ok) return undefined;
    for (const other of selectedRoles(parsed.selector, all)) {
      if (other.metadata.name === role.metadata.name) continue;
      for (const rule of other.rules ?? []) {
        if (!rules.some((kept) => rulesEqual(kept, rule))) rules.push(normalizeRule(rule));
      }
    }
  }
  return rules;
}

/**
 * Every ClusterRole of `clusterRoles`, aggregating ones with the rules the controller settles on;
 * the others unchanged (the same objects). Input is not mutated; order is kept.
 */
export function aggregateClusterRoles(clusterRoles: readonly ClusterRole[]): ClusterRole[] {
  let current = [...clusterRoles];
  // Each pass applies every aggregating role's sync in name order, seeing the syncs before it; a chain
  // of n aggregating roles settles in at most n passes, a cycle keeps its first stable state.
  const aggregating = current.filter((r) => r.aggregationRule).map((r) => r.metadata.name).sort(compareBytes);
  for (let pass = 0; pass <= aggregating.length; pass++) {
    let changed = false;
    for (const name of aggregating) {
      const i = current.findIndex((r) => r.metadata.name === name);
      const role = current[i]!;
      const rules = aggregatedRules(role, current);
      if (rules === undefined || ruleListsEqual(rules, role.rules ?? [])) continue;
      current = current.map((r, j) => (j === i ? { ...role, rules } : r));
      changed = true;
    }
    if (!changed) break;
  }
  return current;
}

function selectedRoles(selector: LabelSelector, all: readonly ClusterRole[]): ClusterRole[] {
  return all.filter((r) => matchesLabels(selector, r.metadata.labels)).sort((a, b) => compareBytes(a.metadata.name, b.metadata.name));
}

const RULE_FIELDS = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** equality.Semantic.DeepEqual on PolicyRules: list order matters, nil equals empty. */
export function rulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  return RULE_FIELDS.every((f) => listsEqual(a[f] ?? [], b[f] ?? []));
}

function ruleListsEqual(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((r, i) => rulesEqual(r, b[i]!));
}

function listsEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The rule as the controller applies it: the five fields, empty lists left out (verbs always present). */
function normalizeRule(rule: PolicyRule): PolicyRule {
  const out: PolicyRule = { verbs: [...(rule.verbs ?? [])] };
  for (const f of RULE_FIELDS) {
    if (f === 'verbs') continue;
    const list = rule[f];
    if (list && list.length > 0) out[f] = [...list];
  }
  return out;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Job podFailurePolicy matching (mirrors pkg/controller/job/pod_failure_policy.go): the first rule
// whose onExitCodes or onPodConditions matches a failed pod decides its action.
import type { Pod } from '../support/api-types.js';
import type { PodFailurePolicyRule } from './job-types.js';

export interface PolicyMatch {
  action: PodFailurePolicyRule['action'];
  /** The FailJob message, upstream's words. */
  message: string;
}

export function matchPodFailurePolicy(rules: readonly PodFailurePolicyRule[] | undefined, pod: Pod): PolicyMatch | undefined {
  if (pod.status?.phase !== 'Failed') return undefined;
  const who = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [i, rule] of (rules ?? []).entries()) {
    const codes = rule.onExitCodes;
    if (codes) {
      for (const cs of pod.status?.containerStatuses ?? []) {
        if (codes.containerName && codes.containerName !== cs.name) continue;
        const code = cs.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        const inValues = codes.values.includes(code);
        if (codes.operator === 'In' ? inValues : !inValues) {
          return { action: rule.action, message: `Container ${cs.name} for pod ${who} failed with exit code ${code} matching ${rule.action} rule at index ${i}` };
        }
      }
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const c = pod.status?.conditions?.find((x) => x.type === pattern.type && x.status === (pattern.status ?? 'True'));
      if (c) return { action: rule.action, message: `Pod ${who} has condition ${pattern.type} matching ${rule.action} rule at index ${i}` };
    }
  }
  return undefined;
}

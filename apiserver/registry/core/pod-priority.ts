// The Priority admission plugin for new pods: a named PriorityClass sets spec.priority and
// spec.preemptionPolicy (a missing class is refused); without a name, the globalDefault class or 0. A
// pod that states its own priority must state the one its class gives. The built-in classes
// system-cluster-critical and system-node-critical exist from the start (bootstrap.ts).
import { forbidden } from '../../errors.js';
import { priorityclasses } from '../scheduling/priorityclasses.js';
import type { HookEnv, KubeObject } from '../types.js';

export const SYSTEM_PRIORITY_CLASSES = [
  { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

export async function resolvePodPriority(pod: KubeObject, env: HookEnv): Promise<void> {
  const spec = (pod.spec ?? {}) as { priorityClassName?: string; priority?: number; preemptionPolicy?: string };
  const name = pod.metadata?.name ?? '';
  let value = 0;
  let policy = 'PreemptLowerPriority';
  let className = spec.priorityClassName;
  if (className) {
    const pc = await env.store.getCached(priorityclasses, undefined, className);
    if (!pc) throw forbidden(`pods "${name}" is forbidden: no PriorityClass with name ${className} was found`, { name, kind: 'pods' });
    value = Number(pc.value ?? 0);
    policy = String(pc.preemptionPolicy ?? policy);
  } else {
    const all = await env.store.list(priorityclasses, undefined, { resourceVersion: '0' });
    const global = all.items.find((pc) => pc.globalDefault === true);
    if (global) {
      value = Number(global.value ?? 0);
      policy = String(global.preemptionPolicy ?? policy);
      className = global.metadata?.name;
    }
  }
  if (spec.priorityClassName && spec.priority !== undefined && spec.priority !== null && spec.priority !== value) {
    throw forbidden(
      `pods "${name}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
      { name, kind: 'pods' },
    );
  }
  spec.priority = value;
  spec.preemptionPolicy = spec.preemptionPolicy ?? policy;
  if (className && !spec.priorityClassName) spec.priorityClassName = className;
  pod.spec = spec;
}

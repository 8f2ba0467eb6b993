// Cluster-scoped policy kinds: scheduling.k8s.io PriorityClass (scheduling/validation) and
// storage.k8s.io StorageClass (storage/validation).
import type { FieldError, KubeObject } from '../registry/types.js';
import { labelKeyErrors } from '../selectors/label-selector.js';
import { forbidden, invalid, notSupported, required } from './field-errors.js';

/** scheduling.HighestUserDefinablePriority; larger values belong to the system- classes. */
const HIGHEST_USER_PRIORITY = 1000000000;
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'] as const;
/** supportedReclaimPolicy.List() and supportedVolumeBindingModes.List() of storage/validation. */
const SC_RECLAIM_POLICIES = ['Delete', 'Retain'] as const;
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'] as const;

export function validatePriorityClass(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const name = obj.metadata?.name ?? '';
  if (!name.startsWith('system-') && typeof obj.value === 'number' && obj.value > HIGHEST_USER_PRIORITY) {
    errors.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  const policy = obj.preemptionPolicy;
  if (policy !== undefined && policy !== null && !(PREEMPTION_POLICIES as readonly unknown[]).includes(policy)) {
    errors.push(policy === '' ? required('preemptionPolicy') : notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES));
  }
  return errors;
}

export function validateStorageClass(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const provisioner = typeof obj.provisioner === 'string' ? obj.provisioner : '';
  if (!provisioner) errors.push(required('provisioner'));
  else for (const m of labelKeyErrors(provisioner.toLowerCase())) errors.push(invalid('provisioner', provisioner.toLowerCase(), m));
  const reclaim = obj.reclaimPolicy;
  if (typeof reclaim === 'string' && reclaim && !(SC_RECLAIM_POLICIES as readonly string[]).includes(reclaim)) errors.push(notSupported('reclaimPolicy', reclaim, SC_RECLAIM_POLICIES));
  const mode = obj.volumeBindingMode;
  if (mode !== undefined && mode !== null && !(BINDING_MODES as readonly unknown[]).includes(mode)) errors.push(notSupported('volumeBindingMode', mode, BINDING_MODES));
  return errors;
}

// VolumeBinding, reduced to what a single-binary cluster needs. PreFilter: every claim the pod mounts
// must exist (`persistentvolumeclaim "x" not found`), not be Lost or being deleted
// (UnschedulableAndUnresolvable, podHasPVCs' errors); a claim that is not fully bound (spec.volumeName
// and the bind-completed annotation) is an "immediate" one unless its StorageClass delays binding, and
// any immediate one stops the pod (`pod has unbound immediate PersistentVolumeClaims`) until the PV
// controller binds it. Filter: a bound claim's volume must exist (`node(s) unavailable due to one or
// more pvc(s) bound to non-existent pv(s)`) and its node affinity match the node (`node(s) had volume
// node affinity conflict`), both UnschedulableAndUnresolvable. Unbound WaitForFirstConsumer claims pass
// (the provisioner follows the pod). Mirrors plugins/volumebinding and its binder
// (GetPodVolumeClaims, isPVCFullyBound, checkBoundClaims); no PV matching, provisioning or capacity.
// The scheduler retries rejected pods when a claim, volume or class changes (EventsToRegister).

import type { NodeSelectorTerm, PersistentVolumeClaim, Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { nodeSelectorMatches } from '../framework/selectors.js';
import { SKIP, SUCCESS, unresolvable, type Status } from '../framework/status.js';

export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** volume.AnnBindCompleted: the PV controller finished binding the claim. */
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const PRE_FILTER_KEY = 'PreFilterVolumeBinding';

interface PreFilterState extends StateData {
  /** Per bound claim, in the pod's order: its volume's node-affinity terms, null when the volume does not exist. */
  boundVolumes: Array<NodeSelectorTerm[] | undefined | null>;
}

/** isPVCFullyBound. */
function fullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && Object.prototype.hasOwnProperty.call(pvc.metadata.annotations ?? {}, ANN_BIND_COMPLETED);
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  readonly name = 'VolumeBinding';

  preFilter(state: CycleState, pod: Pod): Status {
    const claims = (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
    if (claims.length === 0) return SKIP;
    const { pvcs, pvs, storageClasses } = state.snapshot.volumes;
    const ns = pod.metadata.namespace ?? 'default';
    // podHasPVCs: the first claim that cannot be used at all.
    for (const name of claims) {
      const pvc = pvcs.get(`${ns}/${name}`);
      if (!pvc) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (pvc.status?.phase === 'Lost') return unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`);
      if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
    }
    const boundVolumes: PreFilterState['boundVolumes'] = [];
    let unboundImmediate = false;
    for (const name of claims) {
      const pvc = pvcs.get(`${ns}/${name}`)!;
      if (fullyBound(pvc)) {
        const pv = pvs.get(pvc.spec!.volumeName!);
        boundVolumes.push(pv ? pv.spec?.nodeAffinity?.required?.nodeSelectorTerms : null);
        continue;
      }
      // IsDelayBindingMode: no class, or a class that does not exist, binds immediately; a pre-bound
      // claim (volumeName set, binding not completed) waits for the PV controller whatever its class.
      const className = pvc.spec?.storageClassName;
      const delayed = !!className && storageClasses.get(className)?.volumeBindingMode === 'WaitForFirstConsumer';
      if (!delayed || pvc.spec?.volumeName) unboundImmediate = true;
    }
    if (unboundImmediate) return unresolvable(ERR_REASON_UNBOUND_IMMEDIATE);
    state.write(PRE_FILTER_KEY, { boundVolumes } satisfies PreFilterState);
    return SUCCESS;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    for (const terms of s?.boundVolumes ?? []) {
      if (terms === null) return unresolvable(ERR_REASON_PV_NOT_EXIST);
      if (terms && !nodeSelectorMatches(terms, nodeInfo.node)) return unresolvable(ERR_REASON_NODE_CONFLICT);
    }
    return SUCCESS;
  }
}

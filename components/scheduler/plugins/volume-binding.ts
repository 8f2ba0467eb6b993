// VolumeBinding, reduced to what a single-binary cluster needs: every claim the pod mounts must
// exist; an unbound claim of an Immediate class stops the pod at PreFilter (`pod has unbound
// immediate PersistentVolumeClaims`, UnschedulableAndUnresolvable); a bound claim whose volume has
// node affinity fits only matching nodes (`node(s) had volume node affinity conflict`).
// Unbound WaitForFirstConsumer claims pass (the provisioner follows the pod). Mirrors the reasons
// of plugins/volumebinding; no PV matching, provisioning or capacity checks.

import type { NodeSelectorTerm, Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { nodeSelectorMatches } from '../framework/selectors.js';
import { SKIP, SUCCESS, unresolvable, type Status } from '../framework/status.js';

export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
const PRE_FILTER_KEY = 'PreFilterVolumeBinding';

interface PreFilterState extends StateData {
  /** The node-affinity terms of each bound volume that has them. */
  volumeTerms: NodeSelectorTerm[][];
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  readonly name = 'VolumeBinding';

  preFilter(state: CycleState, pod: Pod): Status {
    const claims = (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
    if (claims.length === 0) return SKIP;
    const { pvcs, pvs, storageClasses } = state.snapshot.volumes;
    const ns = pod.metadata.namespace ?? 'default';
    const volumeTerms: NodeSelectorTerm[][] = [];
    let unboundImmediate = false;
    for (const name of claims) {
      const pvc = pvcs.get(`${ns}/${name}`);
      if (!pvc) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
      const volumeName = pvc.spec?.volumeName;
      if (volumeName) {
        const terms = pvs.get(volumeName)?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        if (terms) volumeTerms.push(terms);
        continue;
      }
      const className = pvc.spec?.storageClassName;
      const mode = className ? storageClasses.get(className)?.volumeBindingMode : undefined;
      if (mode !== 'WaitForFirstConsumer') unboundImmediate = true;
    }
    if (unboundImmediate) return unresolvable(ERR_REASON_UNBOUND_IMMEDIATE);
    state.write(PRE_FILTER_KEY, { volumeTerms } satisfies PreFilterState);
    return SUCCESS;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    for (const terms of s?.volumeTerms ?? []) {
      if (!nodeSelectorMatches(terms, nodeInfo.node)) return unresolvable(ERR_REASON_NODE_CONFLICT);
    }
    return SUCCESS;
  }
}

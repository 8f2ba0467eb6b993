// CycleState: what one scheduling attempt of one pod shares between its plugins (PreFilter results
// read by Filter, PreScore results read by Score). Mirrors framework.CycleState; `clone` gives
// preemption's per-node dry runs their own copy, cloning each entry that knows how (StateData.Clone).

import type { LabelSelector } from './selectors.js';
import type { Snapshot } from './snapshot.js';

/** Any object; one with a `clone()` method is copied by CycleState.clone. */
export type StateData = object;

function cloneData(v: StateData): StateData {
  const c = (v as { clone?: () => StateData }).clone;
  return typeof c === 'function' ? c.call(v) : v;
}

export interface CycleOptions {
  /**
   * The selector of the Services/ReplicaSets/StatefulSets/ReplicationControllers selecting the pod
   * (helper.DefaultSelector), used by PodTopologySpread's cluster default constraints. Unset: none.
   */
  defaultSpreadSelector?: LabelSelector;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();

  constructor(
    readonly snapshot: Snapshot,
    readonly options: CycleOptions = {},
  ) {}

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write<T extends StateData>(key: string, value: T): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const copy = new CycleState(this.snapshot, this.options);
    for (const [k, v] of this.data) copy.data.set(k, cloneData(v));
    return copy;
  }
}

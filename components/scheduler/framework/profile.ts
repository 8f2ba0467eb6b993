// A scheduling profile: the scheduler name it serves, its plugins (in upstream's MultiPoint order)
// with score weights, and percentageOfNodesToScore. Mirrors KubeSchedulerProfile defaults:
// schedulerName "default-scheduler", percentageOfNodesToScore unset (0 → adaptive).

import type { Plugin } from './interfaces.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface EnabledPlugin {
  readonly plugin: Plugin;
  /** Score weight; 0 or unset means 1 for a score plugin (upstream defaults weight 0 to 1). */
  readonly weight?: number;
}

export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly EnabledPlugin[];
  /** 0..100; 0 (the default) is adaptive: 50 - nodes/125, at least 5. */
  readonly percentageOfNodesToScore: number;
}

export function makeProfile(init: { plugins: readonly EnabledPlugin[]; schedulerName?: string; percentageOfNodesToScore?: number }): Profile {
  return {
    schedulerName: init.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    plugins: init.plugins,
    percentageOfNodesToScore: init.percentageOfNodesToScore ?? 0,
  };
}

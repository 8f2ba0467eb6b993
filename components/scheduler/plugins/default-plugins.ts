// Upstream's default plugin set in MultiPoint order with its score weights
// (pkg/scheduler/apis/config/v1/default_plugins.go): TaintToleration 3, NodeAffinity 2,
// NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2, NodeResourcesBalancedAllocation 1,
// ImageLocality 1. Plugins we do not carry (SchedulingGates, PrioritySort, VolumeRestrictions,
// NodeVolumeLimits, VolumeZone, DefaultPreemption as a plugin, DefaultBinder) live elsewhere or not at all.

import { makeProfile, type EnabledPlugin, type Profile } from '../framework/profile.js';
import { ImageLocality } from './image-locality.js';
import { InterPodAffinity } from './inter-pod-affinity.js';
import { NodeAffinity } from './node-affinity.js';
import { NodeName } from './node-name.js';
import { NodePorts } from './node-ports.js';
import { NodeResourcesBalancedAllocation } from './node-resources-balanced-allocation.js';
import { NodeResourcesFit } from './node-resources-fit.js';
import { NodeUnschedulable } from './node-unschedulable.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { TaintToleration } from './taint-toleration.js';
import { VolumeBinding } from './volume-binding.js';

export function defaultPlugins(): EnabledPlugin[] {
  return [
    { plugin: new NodeUnschedulable() },
    { plugin: new NodeName() },
    { plugin: new TaintToleration(), weight: 3 },
    { plugin: new NodeAffinity(), weight: 2 },
    { plugin: new NodePorts() },
    { plugin: new NodeResourcesFit(), weight: 1 },
    { plugin: new VolumeBinding() },
    { plugin: new PodTopologySpread(), weight: 2 },
    { plugin: new InterPodAffinity(), weight: 2 },
    { plugin: new NodeResourcesBalancedAllocation(), weight: 1 },
    { plugin: new ImageLocality(), weight: 1 },
  ];
}

/** The "default-scheduler" profile with upstream's defaults. */
export function defaultProfile(overrides: { schedulerName?: string; percentageOfNodesToScore?: number } = {}): Profile {
  return makeProfile({ plugins: defaultPlugins(), ...overrides });
}

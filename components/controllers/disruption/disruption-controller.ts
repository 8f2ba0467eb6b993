// The disruption controller (upstream pkg/controller/disruption): keeps each PodDisruptionBudget's
// status (currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, disruptedPods and the
// DisruptionAllowed condition) in line with the pods it selects; the eviction API reads it. Pod and
// budget changes enqueue budgets; a sync that fails leaves the budget fail-safe (nothing allowed).
import type { EventRecorder } from '../../client/event-recorder.js';
import { DeletedFinalStateUnknown, type Informer } from '../../client/informer.js';
import { deployments, pods as podsType, replicaSets, replicationControllers, statefulSets } from '../../client/resource-types.js';
import { keyOf, splitKey } from '../../client/store.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import { metaTimeOf } from './time.js';
import { selectorMatcher } from '../workload-common/selectors.js';
import { writeStatus } from '../workload-common/status-writer.js';
import { podDisruptionBudgets, type Obj, type Pod, type PodDisruptionBudget } from '../workload-common/types.js';
import { countHealthy, disruptedPodMap, expectedPodCount, failSafeStatus, nextPdbStatus } from './pdb-status.js';
import { expectedScale, type ScaleListers } from './scale-finders.js';

export const DISRUPTION_CONTROLLER = 'disruption-controller';

const needsScale = (pdb: PodDisruptionBudget) => (pdb.spec?.maxUnavailable !== undefined && pdb.spec.maxUnavailable !== null) || typeof pdb.spec?.minAvailable === 'string';

export class DisruptionController implements Controller {
  readonly name = DISRUPTION_CONTROLLER;
  readonly workers = 1;
  private ctx!: ControllerContext;
  private pdbs!: Informer<PodDisruptionBudget>;
  private pods!: Informer<Pod>;
  private scales!: ScaleListers;
  private recorder!: EventRecorder;

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder(DISRUPTION_CONTROLLER);
    this.pdbs = ctx.informers.informerFor<PodDisruptionBudget>(podDisruptionBudgets);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.scales = {
      replicaSets: ctx.informers.informerFor<Obj>(replicaSets).lister,
      deployments: ctx.informers.informerFor<Obj>(deployments).lister,
      statefulSets: ctx.informers.informerFor<Obj>(statefulSets).lister,
      replicationControllers: ctx.informers.informerFor<Obj>(replicationControllers).lister,
    };
    const unwrap = <T>(o: T | DeletedFinalStateUnknown<T>): T => (o instanceof DeletedFinalStateUnknown ? o.obj : o);
    this.pdbs.addEventHandler({ add: (o) => enqueue(keyOf(o)), update: (_o, n) => enqueue(keyOf(n)), delete: (o) => enqueue(keyOf(unwrap(o))) });
    // getPdbForPod: the budgets of the pod's namespace whose selector matches its labels.
    const forPod = (pod: Pod) => {
      for (const pdb of this.pdbs.lister.list(pod.metadata?.namespace ?? '')) if (selectorMatcher(pdb.spec?.selector)(pod.metadata?.labels)) enqueue(keyOf(pdb));
    };
    this.pods.addEventHandler({
      add: forPod,
      update: (o, n) => {
        forPod(n);
        if (JSON.stringify(o.metadata?.labels) !== JSON.stringify(n.metadata?.labels)) forPod(o);
      },
      delete: (o) => forPod(unwrap(o)),
    });
    for (const l of [replicaSets, deployments, statefulSets, replicationControllers]) ctx.informers.informerFor<Obj>(l).addEventHandler({});
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const pdb = this.pdbs.lister.get(namespace, name);
    if (!pdb) return;
    const client = this.ctx.client.resource<PodDisruptionBudget>(podDisruptionBudgets);
    const nowMs = this.ctx.clock.now();
    const nowIso = metaTimeOf(nowMs);
    try {
      const matches = selectorMatcher(pdb.spec?.selector);
      const pods = this.pods.lister.list(namespace).filter((p) => matches(p.metadata?.labels));
      let scale = 0;
      if (needsScale(pdb)) {
        try {
          const found = await expectedScale(pods, this.scales, this.ctx.client);
          scale = found.expected;
          if (found.unmanaged.length > 0) this.ctx.log.debug({ controller: this.name, key, pods: found.unmanaged }, 'found unmanaged pods associated with this PDB');
        } catch (err) {
          this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(err as Error).message}`);
          throw err;
        }
      }
      const counts = expectedPodCount(pdb, pods, () => scale);
      const { disrupted, recheckAtMs, notDeleted } = disruptedPodMap(pdb, pods, nowMs);
      for (const pod of notDeleted) {
        this.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata?.namespace}/${pdb.metadata?.name} to be deleted but it wasn't`);
      }
      const currentHealthy = countHealthy(pods, disrupted, nowMs);
      const status = nextPdbStatus(pdb, { ...counts, currentHealthy, disrupted, nowIso });
      if (status) await writeStatus(client, pdb, status, namespace);
      if (recheckAtMs !== undefined) return { requeueAfter: Math.max(0, recheckAtMs - nowMs) };
    } catch (err) {
      await writeStatus(client, pdb, failSafeStatus(pdb, err as Error, nowIso), namespace);
      throw err;
    }
  }
}

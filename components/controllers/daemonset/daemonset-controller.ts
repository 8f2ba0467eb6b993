// The DaemonSet controller (upstream pkg/controller/daemon): node, pod and DaemonSet changes enqueue
// DaemonSets; reconcile claims the set's pods and revisions, settles the current revision, creates
// and deletes pods as planManage (then planRollingUpdate) decide, writes status and trims history.
// Pods are created pinned to their node by node affinity; the scheduler binds them.
import type { EventRecorder } from '../../client/event-recorder.js';
import { DeletedFinalStateUnknown, type Informer } from '../../client/informer.js';
import { daemonSets, nodes as nodesType, pods as podsType } from '../../client/resource-types.js';
import { keyOf, splitKey } from '../../client/store.js';
import { isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import { canonicalJson } from '../workload-common/revision-hash.js';
import { claimObjects, controllerRefOf, newControllerRef } from '../workload-common/claim.js';
import { PendingWrites } from '../workload-common/pending-writes.js';
import { isPodTerminal } from '../workload-common/pod-state.js';
import { selectorMatcher, selectsEverything } from '../workload-common/selectors.js';
import { writeStatus } from '../workload-common/status-writer.js';
import { controllerRevisions, type ControllerRevision, type DaemonSet, type Node, type Obj, type Pod } from '../workload-common/types.js';
import { constructHistory, historyToDelete } from './history.js';
import { pinToNode, targetNodeName, withDaemonTolerations } from './node-eligibility.js';
import { computeDaemonStatus } from './status.js';
import { HASH_LABEL, planManage, planRollingUpdate, type DaemonPlan } from './sync-plan.js';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
const CACHE_RECHECK_MS = 1000;

export class DaemonSetController implements Controller {
  readonly name = DAEMONSET_CONTROLLER;
  readonly workers = 2;
  private ctx!: ControllerContext;
  private sets!: Informer<DaemonSet>;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private revisions!: Informer<ControllerRevision>;
  private recorder!: EventRecorder;
  private pending!: PendingWrites;

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder(DAEMONSET_CONTROLLER);
    this.pending = new PendingWrites(ctx.clock);
    this.sets = ctx.informers.informerFor<DaemonSet>(daemonSets);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.nodes = ctx.informers.informerFor<Node>(nodesType);
    this.revisions = ctx.informers.informerFor<ControllerRevision>(controllerRevisions);
    const unwrap = <T>(o: T | DeletedFinalStateUnknown<T>): T => (o instanceof DeletedFinalStateUnknown ? o.obj : o);
    const enqueueObj = (o: Obj) => enqueue(keyOf(o));
    this.sets.addEventHandler({ add: enqueueObj, update: (_o, n) => enqueueObj(n), delete: (o) => enqueueObj(unwrap(o)) });
    const forPod = (pod: Pod) => {
      const ref = controllerRefOf(pod);
      const ns = pod.metadata?.namespace ?? '';
      if (ref) {
        if (ref.kind === 'DaemonSet') enqueue(`${ns}/${ref.name}`);
        return;
      }
      for (const ds of this.sets.lister.list(ns)) if (selectorMatcher(ds.spec?.selector)(pod.metadata?.labels)) enqueue(keyOf(ds));
    };
    this.pods.addEventHandler({
      add: forPod,
      update: (o, n) => {
        forPod(n);
        if (controllerRefOf(o)?.uid !== controllerRefOf(n)?.uid) forPod(o);
      },
      delete: (o) => forPod(unwrap(o)),
    });
    // Only what NodeShouldRunDaemonPod reads matters (shouldIgnoreNodeUpdate skips heartbeats).
    const all = () => this.sets.lister.list().forEach(enqueueObj);
    const relevant = (n: Node) => canonicalJson({ name: n.metadata?.name, labels: n.metadata?.labels, spec: n.spec });
    this.nodes.addEventHandler({ add: all, update: (o, n) => relevant(o) !== relevant(n) && all(), delete: all });
    this.revisions.addEventHandler({});
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const ds = this.sets.lister.get(namespace, name);
    if (!ds) return this.pending.forget(key);
    if (selectsEverything(ds.spec?.selector)) {
      this.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;
    const ns = namespace!;
    const client = this.ctx.client;
    const dsClient = client.resource<DaemonSet>(daemonSets);
    const revClient = client.resource<ControllerRevision>(controllerRevisions);
    const podClient = client.resource<Pod>(podsType);
    const matches = selectorMatcher(ds.spec?.selector);
    const canAdopt = async () => {
      const fresh = await dsClient.get(name, { namespace: ns });
      return fresh.metadata?.uid === ds.metadata?.uid && !fresh.metadata?.deletionTimestamp;
    };
    const ownerRef = newControllerRef(ds, 'apps/v1', 'DaemonSet');
    const owned = await claimObjects(ds, (r: ControllerRevision) => matches(r.metadata?.labels), this.revisions.lister.list(ns), {
      ownerRef,
      canAdopt,
      patch: (r, p) => revClient.patch(r.metadata!.name!, p, { namespace: ns, type: 'strategic' }),
    });
    const history = await constructHistory(ds, owned, { revisions: revClient, daemonSets: dsClient });
    const hash = history.current.metadata?.labels?.[HASH_LABEL] ?? '';
    const nodes = this.nodes.lister.list();
    const nowMs = this.ctx.clock.now();
    const caughtUp = this.pending.observed(key, (k) => this.pods.indexer.get(k));
    const pods = await claimObjects(ds, (p: Pod) => matches(p.metadata?.labels), this.pods.lister.list(ns), {
      ownerRef,
      canAdopt,
      patch: (p, patch) => podClient.patch(p.metadata!.name!, patch, { namespace: ns, type: 'strategic' }),
    });
    const nodeToPods = new Map<string, Pod[]>();
    for (const pod of pods) {
      if (isPodTerminal(pod) && pod.metadata?.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node) nodeToPods.set(node, [...(nodeToPods.get(node) ?? []), pod]);
    }
    let failure: unknown;
    if (caughtUp) {
      let plan = planManage(ds, nodes, nodeToPods, hash, nowMs);
      if (plan.createOn.length === 0 && plan.delete.length === 0 && ds.spec?.updateStrategy?.type !== 'OnDelete') {
        plan = planRollingUpdate(ds, nodes, nodeToPods, hash, nowMs);
      }
      failure = await this.apply(ds, plan, hash).then(() => undefined, (err: unknown) => err);
    }
    const counts = computeDaemonStatus(ds, nodes, nodeToPods, hash, nowMs);
    const cur = ds.status;
    const generation = ds.metadata?.generation ?? 0;
    const sameCounts = !!cur && Object.entries(counts).every(([k, v]) => (cur as unknown as Record<string, number>)[k] === v);
    if (!sameCounts || (caughtUp && (cur?.observedGeneration ?? 0) < generation)) {
      const status = { ...cur, ...counts, observedGeneration: caughtUp ? generation : cur?.observedGeneration };
      await writeStatus(dsClient, ds, status, ns);
    }
    if (failure) throw failure;
    for (const r of historyToDelete(ds, history.old, pods)) await revClient.delete(r.metadata!.name!, { namespace: ns }).catch(ignoreNotFound);
    if (!caughtUp) return { requeueAfter: CACHE_RECHECK_MS };
    if (ds.spec?.minReadySeconds && counts.numberReady !== counts.numberAvailable) return { requeueAfter: ds.spec.minReadySeconds * 1000 };
  }

  /** syncNodes: deletes, then creates in slow-start batches (1, 2, 4, …), stopping after a failed batch. */
  private async apply(ds: DaemonSet, plan: DaemonPlan, hash: string): Promise<void> {
    const ns = ds.metadata!.namespace!;
    const key = keyOf(ds);
    const podClient = this.ctx.client.resource<Pod>(podsType);
    for (const { pod, why } of plan.delete) {
      const podName = pod.metadata!.name!;
      if (why === 'failed') this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${podName} on node ${targetNodeName(pod)}, will try to kill it`);
      try {
        await podClient.delete(podName, { namespace: ns, preconditions: { uid: pod.metadata!.uid! } });
        this.pending.deleted(key, `${ns}/${podName}`);
        this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
      } catch (err) {
        if (isNotFound(err)) continue;
        this.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
        throw err;
      }
    }
    const template = ds.spec?.template ?? {};
    const spec = withDaemonTolerations({ ...(template.spec ?? {}) });
    const labels = { ...(template.metadata?.labels ?? {}), ...(hash ? { [HASH_LABEL]: hash } : {}) };
    const create = async (node: string) => {
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: `${ds.metadata!.name}-`, namespace: ns, labels, ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}), ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')] },
        spec: { ...spec, affinity: pinToNode(spec.affinity, node) },
      };
      try {
        const created = await podClient.create(pod, { namespace: ns });
        this.pending.created(key, `${ns}/${created.metadata!.name}`);
        this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`);
      } catch (err) {
        this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        throw err;
      }
    };
    let pos = 0;
    for (let batch = Math.min(1, plan.createOn.length); batch > 0; batch = Math.min(2 * batch, plan.createOn.length - pos)) {
      const results = await Promise.allSettled(plan.createOn.slice(pos, pos + batch).map(create));
      pos += batch;
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }
}

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

// The namespace controller (pkg/controller/namespace): a namespace being deleted loses all its
// content (every namespaced resource discovery lists with list and delete verbs; deletecollection
// where served), reports progress in its status conditions, and once empty gives up the `kubernetes`
// finalizer through PUT namespaces/<name>/finalize; the apiserver then deletes it.
import type { Client, KubeObject, ResourceClient } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { namespaces as namespacesType } from '../../client/resource-types.js';
import { isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Condition, Meta } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { metaTime } from '../support/time.js';
import type { Clock } from '../../client/clock.js';
import { namespaceConditions, type DeletionOutcome } from './deletion-status.js';
import { discoverNamespacedResources, type DeletableResource } from './discovery.js';

export interface Namespace extends KubeObject {
  metadata: Meta;
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: Condition[] };
}

export const FINALIZER = 'kubernetes';

/** How long to wait before looking again when content remains and no pod told us (upstream retries with backoff). */
const RECHECK_MS = 1000;

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  readonly workers = 10;
  private namespaces!: Informer<Namespace>;
  private client!: Client;
  private nsClient!: ResourceClient<Namespace>;
  private clock!: Clock;

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.nsClient = ctx.client.resource<Namespace>(namespacesType);
    this.namespaces = ctx.informers.informerFor<Namespace>(namespacesType);
    const onNs = (ns: Namespace) => {
      if (ns.metadata.deletionTimestamp) enqueue(ns.metadata.name!);
    };
    this.namespaces.addEventHandler({ add: onNs, update: (_o, n) => onNs(n) });
  }

  async reconcile(name: string, signal: AbortSignal): Promise<ReconcileResult | void> {
    const ns = this.namespaces.lister.get(undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return;

    const outcome: DeletionOutcome = { discoveryFailures: [], contentFailures: [], remaining: new Map(), finalizers: new Map() };
    let estimateSeconds = 0;
    try {
      const { resources, failures } = await discoverNamespacedResources(this.client.transport, signal);
      outcome.discoveryFailures = failures;
      for (const r of resources) {
        try {
          estimateSeconds = Math.max(estimateSeconds, await this.deleteAll(name, r, outcome, signal));
        } catch (err) {
          if (!isNotFound(err)) outcome.contentFailures.push(`${r.plural}.${r.group}: ${(err as Error).message}`);
        }
      }
    } catch (err) {
      outcome.discoveryFailures.push({ groupVersion: '', message: (err as Error).message });
    }
    await this.writeConditions(ns, outcome);
    const problems = outcome.discoveryFailures.length + outcome.contentFailures.length;
    if (outcome.remaining.size > 0 || problems > 0) return { requeueAfter: estimateSeconds > 0 ? estimateSeconds * 1000 : RECHECK_MS };
    await this.finalize(name, signal);
  }

  /** Delete every object of `r` in the namespace; count what is left. Returns a wait estimate (seconds, pods' grace). */
  private async deleteAll(namespace: string, r: DeletableResource, outcome: DeletionOutcome, signal: AbortSignal): Promise<number> {
    const rc = this.client.resource<KubeObject & { metadata?: Meta }>({ group: r.group, version: r.version, plural: r.plural, namespaced: true });
    const options = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
    const first = await rc.list({ namespace, signal });
    if (first.items.length === 0) return 0;
    if (r.deleteCollection) {
      await this.client.transport.request({ method: 'DELETE', path: rc.path(namespace, undefined, true), body: options }, signal);
    } else {
      for (const item of first.items) {
        if (item.metadata?.deletionTimestamp) continue;
        await rc.delete(item.metadata!.name!, { namespace, propagationPolicy: 'Background', signal }).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
      }
    }
    const left = (await rc.list({ namespace, signal })).items;
    if (left.length === 0) return 0;
    const resourceKey = `${r.plural}.${r.group}`;
    outcome.remaining.set(resourceKey, left.length);
    let estimate = 0;
    for (const item of left) {
      for (const f of item.metadata?.finalizers ?? []) outcome.finalizers.set(f, (outcome.finalizers.get(f) ?? 0) + 1);
      if (r.group === '' && r.plural === 'pods') {
        // Pods leave when their kubelet has stopped them: wait about their remaining grace.
        const deadline = Date.parse(item.metadata?.deletionTimestamp ?? '');
        const seconds = Number.isNaN(deadline) ? (item.metadata?.deletionGracePeriodSeconds ?? 0) : Math.ceil((deadline - this.clock.now()) / 1000);
        estimate = Math.max(estimate, seconds);
      }
    }
    return estimate;
  }

  private async writeConditions(ns: Namespace, outcome: DeletionOutcome): Promise<void> {
    const conditions = namespaceConditions(ns.status?.conditions, outcome, metaTime(this.clock.now()));
    if (deepEqual(conditions, ns.status?.conditions ?? []) && ns.status?.phase === 'Terminating') return;
    await this.nsClient.updateStatus({ ...ns, status: { ...ns.status, phase: 'Terminating', conditions } }).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }

  /**
   * PUT /api/v1/namespaces/<name>/finalize without our finalizer (a fresh GET, so that the write is
   * not refused as stale). Where the apiserver does not serve `finalize`, falls back to an update of
   * the Namespace (which the namespace-controller's role does not allow: the error says so).
   */
  private async finalize(name: string, signal: AbortSignal): Promise<void> {
    let ns: Namespace;
    try {
      ns = await this.nsClient.get(name, { signal });
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return;
    const body = { ...ns, spec: { ...ns.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER) } };
    const path = `${this.nsClient.path(undefined, name)}/finalize`;
    try {
      await this.client.transport.request({ method: 'PUT', path, body }, signal);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // `finalize` not served (or the namespace just left): the plain update is the fallback.
      await this.nsClient.update(body as Namespace, { signal }).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }
  }
}

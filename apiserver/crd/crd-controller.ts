// Serves CustomResourceDefinitions live, inside the apiserver (as apiextensions-apiserver's naming,
// establishing and finalizer controllers do): every CRD in the store becomes a registry entry (so routes,
// discovery and OpenAPI follow at once), its status gets accepted names and conditions, and a CRD being
// deleted first loses all its objects, then its cleanup finalizer, then leaves. Events are handled one at
// a time, in order; each sync is idempotent.
import { StatusError } from '../errors.js';
import { timestamp } from '../handlers/object-meta.js';
import { customresourcedefinitions } from '../registry/apiextensions/customresourcedefinitions.js';
import type { Registry } from '../registry/registry.js';
import type { KubeObject, ResourceEntry } from '../registry/types.js';
import type { ObjectStore } from '../storage/object-store.js';
import { CRD_CLEANUP_FINALIZER, nextStatus } from './crd-status.js';
import { customResourceEntry, type Crd } from './custom-resource.js';

export interface CrdControllerOptions {
  store: ObjectStore;
  registry: Registry;
  now?: () => Date;
  log?: { error(obj: object, msg: string): void };
}

export class CrdController {
  private queue: Promise<void> = Promise.resolve();
  private cancel?: () => void;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly o: CrdControllerOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Serves every stored CRD before resolving, then follows changes. */
  async start(): Promise<void> {
    const listed = await this.o.store.list(customresourcedefinitions, undefined, {}, { bypassCache: true });
    for (const crd of listed.items) await this.sync(crd);
    this.watchFrom(Number(listed.resourceVersion));
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }

  private watchFrom(revision: number): void {
    if (this.stopped) return;
    this.cancel = this.o.store.watch(customresourcedefinitions, undefined, { resourceVersion: revision }, {
      event: (type, obj) => {
        revision = Number(obj.metadata?.resourceVersion ?? revision);
        this.enqueue(() => (type === 'DELETED' ? this.forget(obj) : this.sync(obj)));
      },
      error: () => {
        // Too old a revision (compaction): start over from a fresh list.
        this.cancel?.();
        this.enqueue(() => this.start());
      },
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((err) => this.o.log?.error({ err }, 'custom resource definition sync failed'));
  }

  /** Whether another served resource already uses these names in the group: upstream's naming controller message. */
  private conflict(crd: Crd): string | undefined {
    const { group, names } = crd.spec;
    const others = this.o.registry.all().filter((e) => e.group === group && e.custom?.crdName !== crd.metadata.name);
    if (others.some((e) => e.plural === names.plural)) return `"${names.plural}" is already in use`;
    if (others.some((e) => e.kind === names.kind)) return `"${names.kind}" is already in use`;
    return undefined;
  }

  private async sync(obj: KubeObject): Promise<void> {
    const crd = obj as unknown as Crd;
    if (!crd.spec?.group || !crd.spec.names?.plural) return;
    if (crd.metadata.deletionTimestamp) return this.finalize(crd);
    const conflict = this.conflict(crd);
    if (!conflict) this.o.registry.replace(customResourceEntry(crd));
    await this.writeStatus(crd, conflict);
  }

  private forget(obj: KubeObject): Promise<void> {
    const crd = obj as unknown as Crd;
    const served = this.o.registry.all().find((e) => e.custom?.crdName === crd.metadata.name);
    if (served) this.o.registry.remove(served.group, served.plural);
    return Promise.resolve();
  }

  private async writeStatus(crd: Crd, conflict: string | undefined): Promise<void> {
    if (!nextStatus(crd, conflict, timestamp(this.now()))) return;
    await this.o.store
      .guaranteedUpdate(customresourcedefinitions, undefined, crd.metadata.name, (current) => {
        const status = nextStatus(current as unknown as Crd, conflict, timestamp(this.now()));
        if (status) current.status = status;
        return current;
      })
      .catch(ignoreNotFound);
  }

  /** A CRD being deleted: mark it Terminating, delete its objects, stop serving it, drop the finalizer. */
  private async finalize(crd: Crd): Promise<void> {
    if (!(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) return;
    await this.writeStatus(crd, undefined);
    const served = this.o.registry.all().find((e) => e.custom?.crdName === crd.metadata.name) ?? customResourceEntry(crd);
    await this.deleteAll(served);
    this.o.registry.remove(served.group, served.plural);
    try {
      const { object } = await this.o.store.guaranteedUpdate(customresourcedefinitions, undefined, crd.metadata.name, (current) => {
        current.metadata!.finalizers = (current.metadata!.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
        if (current.metadata!.finalizers.length === 0) delete current.metadata!.finalizers;
        return current;
      });
      if (!object.metadata?.finalizers?.length) {
        await this.o.store.delete(customresourcedefinitions, undefined, crd.metadata.name, { uid: object.metadata?.uid });
      }
    } catch (err) {
      ignoreNotFound(err);
    }
  }

  private async deleteAll(entry: ResourceEntry): Promise<void> {
    const { items } = await this.o.store.list(entry, undefined, {}, { bypassCache: true });
    for (const item of items) {
      await this.o.store.delete(entry, item.metadata?.namespace, item.metadata!.name!).catch(ignoreNotFound);
    }
  }
}

function ignoreNotFound(err: unknown): void {
  if (err instanceof StatusError && err.code === 404) return;
  throw err;
}

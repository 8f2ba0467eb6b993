// The set of served resources, looked up by URL parts or by kind. Built-ins come from index.ts;
// CRDs add and remove entries at run time (issue 4), and listeners (discovery, OpenAPI) hear of it.
import type { ResourceEntry } from './types.js';

export interface GroupVersion {
  group: string;
  version: string;
}

export class Registry {
  private readonly entries: ResourceEntry[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(initial: ResourceEntry[] = []) {
    for (const e of initial) this.add(e);
  }

  add(entry: ResourceEntry): void {
    this.entries.push(entry);
    for (const l of this.listeners) l();
  }

  /** Add an entry, or swap it for the one serving the same group and plural (a CRD that changed). */
  replace(entry: ResourceEntry): void {
    const i = this.entries.findIndex((e) => e.group === entry.group && e.plural === entry.plural);
    if (i >= 0) this.entries[i] = entry;
    else this.entries.push(entry);
    for (const l of this.listeners) l();
  }

  remove(group: string, plural: string): void {
    const i = this.entries.findIndex((e) => e.group === group && e.plural === plural);
    if (i >= 0) this.entries.splice(i, 1);
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): readonly ResourceEntry[] {
    return this.entries;
  }

  /** The entry serving `/apis/<group>/<version>/<plural>` (group '' for `/api/v1`). */
  lookup(group: string, version: string, plural: string): ResourceEntry | undefined {
    return this.entries.find((e) => e.group === group && e.plural === plural && e.versions.includes(version));
  }

  byKind(group: string, kind: string): ResourceEntry | undefined {
    return this.entries.find((e) => e.group === group && e.kind === kind);
  }

  /** Every served group-version, core first, then groups by name; versions in preference order. */
  groupVersions(): GroupVersion[] {
    const seen = new Map<string, GroupVersion>();
    for (const e of this.entries) {
      for (const version of e.versions) {
        const k = `${e.group}/${version}`;
        if (!seen.has(k)) seen.set(k, { group: e.group, version });
      }
    }
    return [...seen.values()];
  }

  /** Entries served in one group-version. */
  inGroupVersion(group: string, version: string): ResourceEntry[] {
    return this.entries.filter((e) => e.group === group && e.versions.includes(version));
  }
}

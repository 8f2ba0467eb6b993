// Every protobuf field table, and the kinds they serve: a new group version is one table file and one line in TABLES.
import type { ProtoSchema, WellKnownType } from '../message-to-json.js';
import { WELL_KNOWN_TYPES } from '../well-known-types.js';
import { appsV1 } from './apps-v1.js';
import { authenticationV1 } from './authentication-v1.js';
import { authenticationV1alpha1 } from './authentication-v1alpha1.js';
import { authenticationV1beta1 } from './authentication-v1beta1.js';
import { authorizationV1 } from './authorization-v1.js';
import { autoscalingV1 } from './autoscaling-v1.js';
import { autoscalingV2 } from './autoscaling-v2.js';
import { batchV1 } from './batch-v1.js';
import { certificatesV1 } from './certificates-v1.js';
import { coreV1Pod } from './core-v1-pod.js';
import { coreV1Volumes } from './core-v1-volumes.js';
import { coreV1 } from './core-v1.js';
import { metaV1 } from './meta-v1.js';
import { networkingV1 } from './networking-v1.js';
import { policyV1 } from './policy-v1.js';
import { rbacV1 } from './rbac-v1.js';
import { schedulingV1 } from './scheduling-v1.js';
import { parseTable, SchemaTableError, type MessageSpec, type SchemaTable } from './table.js';

const TABLES: readonly SchemaTable[] = [
  metaV1,
  coreV1,
  coreV1Pod,
  coreV1Volumes,
  appsV1,
  batchV1,
  networkingV1,
  rbacV1,
  policyV1,
  schedulingV1,
  autoscalingV1,
  autoscalingV2,
  authenticationV1,
  authenticationV1beta1,
  authenticationV1alpha1,
  authorizationV1,
  certificatesV1,
];

/** Upstream registers metav1.DeleteOptions under every group version. */
const DELETE_OPTIONS = 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions';

export class ProtoRegistry implements ProtoSchema {
  private readonly messages = new Map<string, MessageSpec>();
  private readonly kinds = new Map<string, string>();

  /** Throws SchemaTableError when a table names a message no table defines (a fault in the tables). */
  constructor(
    tables: readonly SchemaTable[],
    private readonly wellKnownTypes: ReadonlyMap<string, WellKnownType>,
  ) {
    for (const table of tables) {
      for (const m of parseTable(table)) {
        if (this.messages.has(m.name)) throw new SchemaTableError(`message ${m.name} defined twice`);
        this.messages.set(m.name, m);
      }
    }
    for (const table of tables) {
      for (const kind of table.kinds ?? []) this.kinds.set(`${table.groupVersion}/${kind}`, `${table.package}.${kind}`);
    }
    for (const [key, name] of this.kinds) if (!this.messages.has(name)) throw new SchemaTableError(`kind ${key}: no message ${name}`);
    for (const m of this.messages.values()) {
      for (const f of m.fields) {
        if (f.scalar) continue;
        if (!this.messages.has(f.type) && !wellKnownTypes.has(f.type)) throw new SchemaTableError(`${m.name}.${f.json}: no message ${f.type}`);
        if (f.inline && (f.repeated || f.map || !this.messages.has(f.type))) throw new SchemaTableError(`${m.name}: inline field ${f.number} is not a struct`);
      }
    }
  }

  message(name: string): MessageSpec | undefined {
    return this.messages.get(name);
  }

  wellKnown(name: string): WellKnownType | undefined {
    return this.wellKnownTypes.get(name);
  }

  /** The message of a kind, e.g. `apps/v1` `Deployment` → `k8s.io.api.apps.v1.Deployment`. */
  messageForKind(apiVersion: string, kind: string): string | undefined {
    if (kind === 'DeleteOptions') return DELETE_OPTIONS;
    return this.kinds.get(`${apiVersion}/${kind}`);
  }

  /** Every `apiVersion/Kind` served, for tests and docs. */
  kindKeys(): string[] {
    return [...this.kinds.keys()];
  }
}

let registry: ProtoRegistry | undefined;

/** The registry of all tables, parsed on first use. */
export function protoRegistry(): ProtoRegistry {
  return (registry ??= new ProtoRegistry(TABLES, WELL_KNOWN_TYPES));
}

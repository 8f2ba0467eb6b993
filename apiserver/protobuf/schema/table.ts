// The notation of the protobuf field tables in this folder, and its parser.
//
// A table lists, per message of one proto package, its fields as `'<number> <json name> <type> [flags]'`:
// - type: a scalar (`string bool int32 int64 uint32 uint64 double float bytes`), a message of the same package
//   (`PodSpec`), of another (`meta.ObjectMeta`, `core.PodTemplateSpec`, `resource.Quantity`, `intstr.IntOrString`,
//   `runtime.RawExtension`, or a full name such as `k8s.io.api.authentication.v1.UserInfo`), `[]T` for a repeated
//   field and `map<string,T>` for a map.
// - flags, from the Go field's type and json tag, decide how the field appears in JSON (as Go's encoding/json
//   writes it, see ../message-to-json.ts): `p` pointer (present on the wire or not), `o` omitempty, `z` omitzero,
//   `i` embedded inline (its fields join the parent's; json name `-`).
// A message written `'[]string'` is a Go named slice (`type ExtraValue []string`): on the wire `{1: repeated
// string items}`, in JSON an array.

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'float' | 'bytes';

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'bytes']);

/** Short names of the proto packages that tables refer to across packages. */
const PACKAGE_ALIASES: Readonly<Record<string, string>> = {
  meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  resource: 'k8s.io.apimachinery.pkg.api.resource',
  intstr: 'k8s.io.apimachinery.pkg.util.intstr',
  runtime: 'k8s.io.apimachinery.pkg.runtime',
  core: 'k8s.io.api.core.v1',
};

export interface FieldSpec {
  number: number;
  /** The JSON name; `-` for an inline field. */
  json: string;
  /** A scalar type, or the full name of a message. */
  type: string;
  scalar: boolean;
  repeated: boolean;
  map: boolean;
  pointer: boolean;
  omitEmpty: boolean;
  omitZero: boolean;
  inline: boolean;
}

export interface MessageSpec {
  /** Full proto name, e.g. `k8s.io.api.core.v1.ConfigMap`. */
  name: string;
  /** In the order of the Go struct, which is the order of JSON keys. */
  fields: readonly FieldSpec[];
  byNumber: ReadonlyMap<number, FieldSpec>;
  /** Set for a Go named slice: the JSON is an array of the items in field 1. */
  listOf?: ScalarType;
}

export interface SchemaTable {
  /** The proto package, e.g. `k8s.io.api.apps.v1`. */
  package: string;
  /** The apiVersion of the kinds below, e.g. `apps/v1`. */
  groupVersion?: string;
  /** Messages that are top-level kinds of `groupVersion`. */
  kinds?: readonly string[];
  messages: Readonly<Record<string, readonly string[] | '[]string'>>;
}

/** Identity with a type check: the tables are parsed once, by the registry. */
export const defineSchema = <T extends SchemaTable>(table: T): T => table;

export class SchemaTableError extends Error {
  override name = 'SchemaTableError';
}

/** Parses every message of a table; throws SchemaTableError on a malformed entry (a fault in the tables). */
export function parseTable(table: SchemaTable): MessageSpec[] {
  return Object.entries(table.messages).map(([short, entry]) => {
    const name = `${table.package}.${short}`;
    if (entry === '[]string') {
      const items = parseField('1 items []string', table.package, name);
      return { name, fields: [items], byNumber: new Map([[1, items]]), listOf: 'string' };
    }
    const fields = entry.map((text) => parseField(text, table.package, name));
    const byNumber = new Map<number, FieldSpec>();
    for (const f of fields) {
      if (byNumber.has(f.number)) throw new SchemaTableError(`${name}: field number ${f.number} twice`);
      byNumber.set(f.number, f);
    }
    return { name, fields, byNumber };
  });
}

function parseField(text: string, pkg: string, message: string): FieldSpec {
  const parts = text.split(' ');
  const [num, json, typeText, flags = ''] = parts;
  const number = Number(num);
  if (parts.length < 3 || parts.length > 4 || !Number.isInteger(number) || number < 1 || !json || !typeText || /[^poiz]/.test(flags)) {
    throw new SchemaTableError(`${message}: malformed field '${text}'`);
  }
  let type = typeText;
  const repeated = type.startsWith('[]');
  if (repeated) type = type.slice(2);
  const mapMatch = /^map<string,(.+)>$/.exec(type);
  if (mapMatch) type = mapMatch[1]!;
  const scalar = SCALARS.has(type);
  return {
    number,
    json,
    type: scalar ? type : resolveMessageName(type, pkg),
    scalar,
    repeated,
    map: mapMatch !== null,
    pointer: flags.includes('p'),
    omitEmpty: flags.includes('o'),
    omitZero: flags.includes('z'),
    inline: flags.includes('i'),
  };
}

function resolveMessageName(ref: string, pkg: string): string {
  if (ref.startsWith('k8s.io.')) return ref;
  const dot = ref.indexOf('.');
  if (dot < 0) return `${pkg}.${ref}`;
  const alias = PACKAGE_ALIASES[ref.slice(0, dot)];
  if (!alias) throw new SchemaTableError(`unknown package alias in '${ref}'`);
  return `${alias}.${ref.slice(dot + 1)}`;
}

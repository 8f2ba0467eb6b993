// apimachinery types whose JSON is not their fields': each mirrors the type's Go MarshalJSON, applied to what its
// protobuf Unmarshal produces (k8s.io/apimachinery pkg/apis/meta/v1 time_proto.go, micro_time_proto.go,
// duration.go, fields_proto.go; pkg/api/resource quantity_proto.go; pkg/util/intstr; pkg/runtime).
import { badProtobuf, type WellKnownType, type WireFields } from './message-to-json.js';
import { defineSchema, parseTable, type MessageSpec } from './schema/table.js';

const meta = defineSchema({
  package: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  messages: {
    Time: ['1 seconds int64', '2 nanos int32'],
    MicroTime: ['1 seconds int64', '2 nanos int32'],
    Duration: ['1 duration int64'],
    FieldsV1: ['1 Raw bytes'],
  },
});
const resource = defineSchema({ package: 'k8s.io.apimachinery.pkg.api.resource', messages: { Quantity: ['1 string string'] } });
const intstr = defineSchema({
  package: 'k8s.io.apimachinery.pkg.util.intstr',
  messages: { IntOrString: ['1 type int64', '2 intVal int32', '3 strVal string'] },
});
const runtime = defineSchema({ package: 'k8s.io.apimachinery.pkg.runtime', messages: { RawExtension: ['1 raw bytes'] } });

/** Unix seconds of Go's zero time.Time (0001-01-01T00:00:00Z), which marshals as JSON null. */
const GO_ZERO_TIME_SECONDS = -62135596800;

const converters: Record<string, (fields: WireFields) => unknown> = {
  // Unmarshal of empty bytes is the zero Time; JSON has seconds only (RFC 3339 in UTC), the zero Time is null.
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': (f) => timestamp(f, false),
  // Microsecond precision: "2006-01-02T15:04:05.000000Z07:00".
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': (f) => timestamp(f, true),
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': (f) => goDuration(f.int(1) ?? 0),
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': (f) => rawJson(f.bytes(1), 'FieldsV1'),
  // The wire carries the canonical string, which is also what MarshalJSON writes; the zero Quantity is "0".
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (f) => f.string(1) || '0',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (f) => (f.int(1) === 1 ? (f.string(3) ?? '') : (f.int(2) ?? 0)),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (f) => rawJson(f.bytes(1), 'RawExtension'),
};

const specs = new Map<string, MessageSpec>([meta, resource, intstr, runtime].flatMap(parseTable).map((m) => [m.name, m]));

export const WELL_KNOWN_TYPES: ReadonlyMap<string, WellKnownType> = new Map(
  Object.entries(converters).map(([name, toJson]) => [name, { spec: specs.get(name)!, toJson }]),
);

function timestamp(f: WireFields, micro: boolean): string | null {
  if (f.all(1).length === 0 && f.all(2).length === 0) return null;
  const seconds = f.int(1) ?? 0;
  const micros = micro ? Math.trunc((f.int(2) ?? 0) / 1000) : 0;
  if (seconds === GO_ZERO_TIME_SECONDS && micros === 0) return null;
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${iso}.${String(micros).padStart(6, '0')}Z` : `${iso}Z`;
}

/** RawExtension and FieldsV1 hold JSON; nil marshals as null. */
function rawJson(raw: Uint8Array | undefined, what: string): unknown {
  if (raw === undefined) return null;
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw badProtobuf(`unable to decode protobuf ${what}: its raw bytes are not JSON`);
  }
}

/** Go's time.Duration.String(): "1h2m3.5s", "1.5ms", "0s". */
export function goDuration(nanos: number): string {
  if (nanos === 0) return '0s';
  const sign = nanos < 0 ? '-' : '';
  let u = Math.abs(nanos);
  if (u < 1e3) return `${sign}${u}ns`;
  if (u < 1e6) return `${sign}${fraction(u, 1e3)}µs`;
  if (u < 1e9) return `${sign}${fraction(u, 1e6)}ms`;
  const hours = Math.floor(u / 3.6e12);
  u -= hours * 3.6e12;
  const minutes = Math.floor(u / 6e10);
  u -= minutes * 6e10;
  const seconds = `${fraction(u, 1e9)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

/** `value / unit` with the fraction's trailing zeros dropped, as Go prints it. */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

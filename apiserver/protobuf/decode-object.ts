// Request bodies in `application/vnd.kubernetes.protobuf`, as kubectl's typed clients send them (every `create`
// subcommand incl. `create token`, `autoscale`, `auth can-i` / `whoami`; `run` and `expose` send JSON): the envelope of
// k8s.io/apimachinery/pkg/runtime/serializer/protobuf, i.e. the magic `k8s\0` then a runtime.Unknown
// {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType} whose raw is the object.
import { badProtobuf, messageToJson, readFields } from './message-to-json.js';
import { protoRegistry } from './schema/registry.js';
import { defineSchema, parseTable } from './schema/table.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const envelope = parseTable(
  defineSchema({
    package: 'k8s.io.apimachinery.pkg.runtime',
    messages: {
      Unknown: ['1 typeMeta TypeMeta', '2 raw bytes', '3 contentEncoding string', '4 contentType string'],
      TypeMeta: ['1 apiVersion string', '2 kind string'],
    },
  }),
);
const unknownSpec = envelope[0]!;
const typeMetaSpec = envelope[1]!;

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The object as its JSON body would be: `kind` and `apiVersion` first, then its fields. */
  object: Record<string, unknown>;
}

/**
 * Decodes a protobuf request body into the plain JSON object a JSON body of the same object gives.
 * Pure; throws StatusError 400 BadRequest on a body that is not a protobuf object of a kind the tables know,
 * or that carries a field the tables do not list (never dropped silently).
 */
export function decodeProtobufObject(body: Buffer): DecodedObject {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badProtobuf(`provided data does not appear to be a protobuf message, expected prefix [${[...MAGIC].join(' ')}]`);
  }
  const unknown = readFields(unknownSpec, body.subarray(MAGIC.length));
  const typeMeta = readFields(typeMetaSpec, unknown.bytes(1) ?? new Uint8Array(0));
  const apiVersion = typeMeta.string(1) ?? '';
  const kind = typeMeta.string(2) ?? '';
  if (!kind) throw badProtobuf(`Object 'Kind' is missing in protobuf body`);
  const encoding = unknown.string(3);
  if (encoding) throw badProtobuf(`unsupported protobuf contentEncoding "${encoding}"`);
  const registry = protoRegistry();
  const name = registry.messageForKind(apiVersion, kind);
  if (!name) throw badProtobuf(`no kind "${kind}" is registered for version "${apiVersion}" in protobuf`);
  const fields = messageToJson(registry, name, unknown.bytes(2) ?? new Uint8Array(0)) as Record<string, unknown>;
  return { apiVersion, kind, object: { kind, apiVersion, ...fields } };
}

// Helpers of the write path that must agree exactly with the slower, general code they stand in for:
// jsonEqual with util.isDeepStrictEqual on JSON values, copyJson and jsonValueOf with a JSON round trip,
// fieldsV1Intersects with building the set and intersecting it, FieldsV1 read back to what was read.
import { isDeepStrictEqual } from 'node:util';
import t from 'tap';
import { copyJson, jsonValueOf } from '../../apiserver/apply/json-copy.js';
import { jsonTextExceeds } from '../../apiserver/json-size.js';
import { jsonEqual, jsonTextEqual } from '../../apiserver/apply/json-equal.js';
import { difference, emptySet, fieldsV1Intersects, fromFieldsV1, insertPath, intersection, isEmpty, pathsOf, toFieldsV1, union } from '../../apiserver/apply/field-set.js';

t.test('jsonEqual agrees with isDeepStrictEqual on JSON values', async (t) => {
  const values: unknown[] = [
    null, 0, 1, -0.5, '', 'a', '1', true, false, [], [1], [1, 2], [2, 1], {}, { a: 1 }, { a: '1' }, { a: 1, b: 2 }, { b: 2, a: 1 },
    { a: [1, { b: null }] }, { a: [1, { b: 0 }] }, { a: {} }, { a: [] }, [{}], [[]], { a: null }, { b: null },
    { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } },
  ];
  for (const a of values) {
    for (const b of values) {
      t.equal(jsonEqual(a, b), isDeepStrictEqual(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      t.equal(jsonEqual(a, JSON.parse(JSON.stringify(b))), isDeepStrictEqual(a, b), 'a parsed copy');
    }
  }
  t.notOk(jsonEqual({ a: 1 }, { a: 1, b: undefined }), 'an extra key counts, as in isDeepStrictEqual');
});

t.test('jsonTextEqual tells whether two values serialize alike, key order aside', async (t) => {
  const values: unknown[] = [
    null, undefined, 0, 1, '', 'a', true, [], [null], [undefined], [1, undefined], [1, null], {}, { a: undefined }, { a: null }, { a: 1 },
    { a: 1, b: undefined }, { b: 2, a: 1 }, { a: 1, b: 2 }, { a: [undefined, { b: undefined }] }, { a: [null, {}] }, { a: { b: { c: [1] } } },
  ];
  const text = (v: unknown) => (v === undefined ? 'null' : JSON.stringify(v));
  const sorted = (v: unknown): unknown => (v === null || typeof v !== 'object' ? v : Array.isArray(v) ? v.map(sorted) : Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])));
  for (const a of values) {
    for (const b of values) {
      const expected = text(sorted(JSON.parse(text(a)))) === text(sorted(JSON.parse(text(b))));
      t.equal(jsonTextEqual(a, b), expected, `${text(a)} vs ${text(b)}`);
    }
  }
});

t.test('copyJson gives what a JSON round trip gives, sharing nothing', async (t) => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', uid: 'u', resourceVersion: '12', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'r', controller: true }] },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m' } } }], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-23T20:00:00Z' }], podIP: '10.42.1.5' },
  };
  const values: unknown[] = [
    null, 0, -1.5, '', 'x', true, false, [], {}, [1, 'a', null, [2, [3]]], { a: { b: { c: [{ d: 1 }, { e: null }] } } },
    { a: undefined, b: 1 }, [undefined, 1], { nested: { gone: undefined, kept: [undefined] } }, pod,
    { metadata: { name: 'web', labels: { app: 'web' }, managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] }, spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }] }] } },
  ];
  for (const v of values) {
    const copied = copyJson(v);
    t.same(copied, JSON.parse(JSON.stringify(v)), `copy of ${JSON.stringify(v)}`);
    t.equal(JSON.stringify(copied), JSON.stringify(v), 'the same JSON text, key order kept');
    if (v !== null && typeof v === 'object') t.not(copied, v, 'a new container');
  }
  const original = { spec: { containers: [{ name: 'c' }] } };
  const copied = copyJson(original);
  copied.spec.containers[0]!.name = 'changed';
  t.equal(original.spec.containers[0]!.name, 'c', 'changing the copy leaves the original alone');
});

t.test('fieldsV1Intersects agrees with intersecting the decoded set', async (t) => {
  const fields = [
    {},
    { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {} } } } },
    { 'f:status': { 'f:phase': {}, 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:status': {} } } } },
    { 'f:spec': { 'f:nodeName': {} } },
  ];
  const sets = [
    [['f:metadata', 'f:labels', 'f:app']],
    [['f:metadata', 'f:labels']],
    [['f:metadata']],
    [['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image']],
    [['f:spec', 'f:containers', 'k:{"name":"d"}']],
    [['f:status', 'f:phase']],
    [['f:status', 'f:conditions', 'k:{"type":"Ready"}', 'f:status'], ['f:status', 'f:podIP']],
    [['f:status', 'f:conditions']],
    [['f:spec', 'f:nodeName']],
    [],
  ];
  for (const f of fields) {
    for (const paths of sets) {
      const set = emptySet();
      for (const p of paths) insertPath(set, p);
      const expected = !isEmpty(intersection(fromFieldsV1(f), set));
      t.equal(fieldsV1Intersects(f, set), expected, `${JSON.stringify(f)} ∩ ${JSON.stringify(paths)}`);
    }
  }
});

t.test('copyJson keeps an own __proto__ member a member, as JSON.parse does', async (t) => {
  const parsed = JSON.parse('{"labels":{"__proto__":{"x":"1"},"a":"b"}}') as { labels: Record<string, unknown> };
  const copied = copyJson(parsed);
  t.equal(Object.getPrototypeOf(copied.labels), Object.prototype, 'the prototype is not replaced');
  t.same(Object.keys(copied.labels), ['__proto__', 'a']);
  t.equal(JSON.stringify(copied), JSON.stringify(parsed));
});

t.test('jsonValueOf gives what a JSON round trip gives for any value', async (t) => {
  class Stamp {
    toJSON(key: string) {
      return `stamp at ${key}`;
    }
  }
  const values: unknown[] = [
    null, 0, -1.5, '', 'x', true, [], {}, [1, 'a', null, [2, [3]]],
    { a: undefined, b: 1, f: () => 1, s: Symbol('s') }, [undefined, () => 1, Symbol('t'), NaN, Infinity, -Infinity],
    { when: new Date(Date.UTC(2026, 10, 23, 22, 0, 0)), nested: { n: NaN, list: [new Stamp()] }, stamp: new Stamp() },
    JSON.parse('{"metadata":{"labels":{"__proto__":{"x":"1"}}}}'),
    { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }] }] } } } },
  ];
  for (const v of values) {
    const text = JSON.stringify(v);
    t.equal(JSON.stringify(jsonValueOf(v)), text, `the same JSON text as ${text}`);
    t.same(jsonValueOf(v), JSON.parse(text));
  }
  t.equal(jsonValueOf(undefined), undefined);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  t.throws(() => jsonValueOf(cyclic), TypeError, 'a cycle throws, as JSON.stringify does');
  t.throws(() => jsonValueOf({ n: 1n }), TypeError, 'so does a BigInt');
  const shared = { x: 1 };
  t.same(jsonValueOf({ a: shared, b: shared }), { a: { x: 1 }, b: { x: 1 } }, 'a value seen twice (not a cycle) is copied twice');
});

t.test('FieldsV1 read from a set is written back as the same object only when it is already in normal form', async (t) => {
  const normal = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } };
  const read = fromFieldsV1(normal);
  t.equal(toFieldsV1(read), normal, 'written back: the object it was read from');
  // A set built from it shares the untouched subtrees, whose FieldsV1 are reused, and writes the rest anew.
  const more = emptySet();
  insertPath(more, ['f:spec', 'f:nodeName']);
  const grown = toFieldsV1(union(read, more));
  t.same(grown, { 'f:metadata': normal['f:metadata'], 'f:spec': { 'f:containers': normal['f:spec']['f:containers'], 'f:nodeName': {} } });
  t.equal(grown['f:metadata'], normal['f:metadata'], 'an untouched subtree is shared');
  t.not(grown['f:spec'], normal['f:spec'], 'a changed one is new');
  t.same(Object.keys(grown['f:spec'] as object), ['f:containers', 'f:nodeName'], 'in upstream order');
  const labels = emptySet();
  insertPath(labels, ['f:metadata', 'f:labels', 'f:app']);
  t.same(toFieldsV1(difference(read, labels)), { 'f:metadata': { 'f:labels': {} }, 'f:spec': normal['f:spec'] }, 'a removed leaf leaves its member container');

  // Not in normal form: written in upstream's order, and as toFieldsV1 writes the set, not as it was read.
  const cases: Array<Record<string, unknown>> = [
    { 'f:spec': {}, 'f:metadata': {} }, // out of order
    { 'f:metadata': { 'f:labels': { 'f:app': {}, '.': {} } } }, // `.` not first
    { 'f:metadata': { '.': {} } }, // `.` without children
    { 'f:metadata': { 'f:labels': { '.': { x: {} }, 'f:app': {} } } }, // `.` not empty
    { 'k:{"name":"c"}': {}, 'f:name': {} }, // keys before fields
  ];
  for (const fields of cases) {
    const set = fromFieldsV1(fields);
    const written = toFieldsV1(set);
    t.not(written, fields, `${JSON.stringify(fields)} is written anew`);
    t.same(pathsOf(fromFieldsV1(written)), pathsOf(set), 'the same set');
    t.equal(toFieldsV1(fromFieldsV1(written)), written, 'and that is normal form');
  }
  const malformed = { 'f:a': 'not an object' };
  t.not(toFieldsV1(fromFieldsV1(malformed)), malformed, 'a malformed entry is never written back as it came');
});

t.test('jsonTextExceeds tells whether the JSON text (UTF-8) is over a limit, as writing it would', async (t) => {
  const values: unknown[] = [
    null, 0, -1.25e-7, 123456789012, true, false, '', 'plain', 'quote " and \\ backslash', 'control \u0001\u0002', 'émoji 😀 and 漢字',
    [], [1, 'a', null, undefined, () => 1], {}, { a: undefined, b: () => 1, c: Symbol('c'), d: 1 },
    { when: new Date(0), nested: { list: ['x'.repeat(50), { y: '\n'.repeat(20) }] } },
    { metadata: { name: 'big', labels: { app: 'web' } }, data: { k: 'ü'.repeat(300) } },
  ];
  for (const v of values) {
    const size = Buffer.byteLength(JSON.stringify(v) ?? '');
    for (const limit of [0, 1, Math.max(0, size - 1), size, size + 1, size * 2, size * 7]) {
      t.equal(jsonTextExceeds(v, limit), size > limit, `${JSON.stringify(v)?.slice(0, 40)} (${size} bytes) over ${limit}`);
    }
  }
});

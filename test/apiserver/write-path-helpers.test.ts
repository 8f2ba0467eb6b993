// Helpers of the write path that must agree exactly with the slower, general code they stand in for:
// jsonEqual with util.isDeepStrictEqual on JSON values, copyJson with a JSON round trip,
// fieldsV1Intersects with building the set and intersecting it.
import { isDeepStrictEqual } from 'node:util';
import t from 'tap';
import { copyJson } from '../../apiserver/apply/json-copy.js';
import { jsonEqual, jsonTextEqual } from '../../apiserver/apply/json-equal.js';
import { emptySet, fieldsV1Intersects, fromFieldsV1, insertPath, intersection, isEmpty } from '../../apiserver/apply/field-set.js';

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

// Helpers of the write path that must agree exactly with the slower, general code they stand in for:
// jsonEqual with util.isDeepStrictEqual on JSON values, fieldsV1Intersects with building the set and
// intersecting it.
import { isDeepStrictEqual } from 'node:util';
import t from 'tap';
import { jsonEqual } from '../../apiserver/apply/json-equal.js';
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

import t from 'tap';
import { pathSegments, pruneFields } from '../../apiserver/schema/prune.js';

t.test('unknown fields are pruned by their strict paths', async (t) => {
  t.same(pathSegments('spec.template.spec.containers[0].resurces'), ['spec', 'template', 'spec', 'containers', 0, 'resurces']);
  t.same(pathSegments('a[1][2].b'), ['a', 1, 2, 'b']);
  const obj = { spec: { containers: [{ name: 'c', resurces: {} }, { name: 'd', bad: 1 }], extra: true }, top: 1 };
  pruneFields(obj, ['spec.containers[0].resurces', 'spec.containers[1].bad', 'spec.extra', 'top', 'missing.path[3].x']);
  t.same(obj, { spec: { containers: [{ name: 'c' }, { name: 'd' }] } });
});

import t from 'tap';
import { parseSimNodeConfig } from '../../../components/cli/sim-node-config.js';

t.test('node groups from YAML', async (t) => {
  t.same(parseSimNodeConfig('- count: 2\n  namePrefix: worker-\n  cpu: 8\n  memory: 16Gi\n  labels: {zone: a}\n- taints: [{key: dedicated, value: gpu, effect: NoSchedule}]\n'), [
    { count: 2, namePrefix: 'worker-', cpu: '8', memory: '16Gi', labels: { zone: 'a' } },
    { count: 1, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
  ]);
  t.same(parseSimNodeConfig('nodes:\n- count: 1\n'), [{ count: 1 }], 'a `nodes:` key works too');
  t.throws(() => parseSimNodeConfig('count: 2\n'), /expected a list of node groups/);
  t.throws(() => parseSimNodeConfig('- count: 0\n'), /count must be a positive integer/);
});

// humanDuration against upstream's duration.HumanDuration at every boundary.
import t from 'tap';
import { humanDuration, since, toDate } from '../../apiserver/registry/columns/human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

const cases: Array<[number, string]> = [
  [-2 * s, '<invalid>'],
  [-1.9 * s, '0s'],
  [-1 * s, '0s'],
  [0, '0s'],
  [999, '0s'],
  [1 * s, '1s'],
  [70 * s, '70s'],
  [119 * s, '119s'],
  [2 * m, '2m'],
  [2 * m + 5 * s, '2m5s'],
  [9 * m + 59 * s, '9m59s'],
  [10 * m, '10m'],
  [10 * m + 30 * s, '10m'],
  [179 * m, '179m'],
  [3 * h, '3h'],
  [3 * h + 30 * m, '3h30m'],
  [7 * h + 59 * m, '7h59m'],
  [8 * h, '8h'],
  [8 * h + 30 * m, '8h'],
  [47 * h, '47h'],
  [48 * h, '2d'],
  [50 * h, '2d2h'],
  [8 * d - h, '7d23h'],
  [8 * d, '8d'],
  [2 * y - d, '729d'],
  [2 * y, '2y'],
  [2 * y + d, '2y1d'],
  [8 * y - d, '7y364d'],
  [8 * y, '8y'],
  [20 * y, '20y'],
];

for (const [ms, want] of cases) t.equal(humanDuration(ms), want, `${ms} ms`);

t.test('since', async (t) => {
  const now = new Date('2024-01-01T01:00:00Z');
  t.equal(since('2024-01-01T00:55:00Z', now), '5m');
  t.equal(since(new Date('2024-01-01T00:00:00Z'), now), '60m');
  t.equal(since(undefined, now), '<unknown>');
  t.equal(since('not a date', now), '<unknown>');
  t.equal(toDate(''), undefined);
});

// helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go):
// scale to 0..max by the highest raw score (integer division); `reverse` flips it (max - s).
// All raw scores 0: every node gets max when reversed, else stays 0.

import type { NodeScore } from './interfaces.js';

export function defaultNormalizeScore(max: number, reverse: boolean, scores: NodeScore[]): void {
  let highest = 0;
  for (const s of scores) if (s.score > highest) highest = s.score;
  if (highest === 0) {
    if (reverse) for (const s of scores) s.score = max;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((max * s.score) / highest);
    if (reverse) v = max - v;
    s.score = v;
  }
}

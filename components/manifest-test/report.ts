// `k8ts test` reports: a line per object (text), one JSON document, or JUnit XML for CI.
import type { Verdict } from './verdicts.js';

export interface ObjectResult {
  kind: string;
  namespace?: string;
  name: string;
  file: string;
  line: number;
  verdict: Verdict;
}

export const label = (r: Pick<ObjectResult, 'kind' | 'namespace' | 'name'>) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

export function textReport(results: ObjectResult[], seconds: number): string {
  const lines = results.map((r) => {
    const mark = r.verdict.state === 'ready' ? 'ok  ' : r.verdict.state === 'failed' ? 'FAIL' : 'WAIT';
    const why = r.verdict.state === 'ready' ? (r.verdict.detail ? ` (${r.verdict.detail})` : '') : `: ${r.verdict.reason}`;
    return `${mark} ${label(r)}  [${r.file}:${r.line}]${why}`;
  });
  const bad = results.filter((r) => r.verdict.state !== 'ready').length;
  lines.push(bad === 0 ? `PASS: ${results.length} objects settled in ${seconds.toFixed(1)} s` : `FAIL: ${bad} of ${results.length} objects did not settle (${seconds.toFixed(1)} s)`);
  return lines.join('\n') + '\n';
}

export function jsonReport(results: ObjectResult[], seconds: number): string {
  return JSON.stringify({ passed: results.every((r) => r.verdict.state === 'ready'), seconds, objects: results }, null, 2) + '\n';
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function junitReport(results: ObjectResult[], seconds: number): string {
  const failures = results.filter((r) => r.verdict.state !== 'ready').length;
  const cases = results.map((r) => {
    const head = `  <testcase classname="${xml(r.file)}" name="${xml(label(r))}">`;
    if (r.verdict.state === 'ready') return `${head}</testcase>`;
    return `${head}\n    <failure message="${xml(r.verdict.reason)}" type="${r.verdict.state}">${xml(`${r.file}:${r.line}: ${r.verdict.reason}`)}</failure>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="k8ts test" tests="${results.length}" failures="${failures}" time="${seconds.toFixed(3)}">\n${cases.join('\n')}\n</testsuite>\n`;
}

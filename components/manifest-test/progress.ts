// How `k8ts test` shows progress while it waits: on a terminal, one line rewritten in place ("3/10
// settled, waiting for Deployment shop/web"); otherwise (CI logs, pipes) a plain line per object as it
// settles, with the time since the start, so a log shows what took long.
import { label, type ObjectResult } from './report.js';

export type Progress = (results: ObjectResult[]) => void;

export function liveProgress(write: (s: string) => void): { update: Progress; end(): void } {
  return {
    update: (rs) => {
      const done = rs.filter((r) => r.verdict.state !== 'pending').length;
      const waiting = rs.find((r) => r.verdict.state === 'pending');
      write(`\r\x1b[K${done}/${rs.length} settled${waiting ? `, waiting for ${label(waiting)}` : ''}`);
    },
    end: () => write('\r\x1b[K'),
  };
}

export function plainProgress(write: (s: string) => void, startedMs: number, now: () => number = Date.now): { update: Progress; end(): void } {
  const reported = new Set<string>();
  return {
    update: (rs) => {
      for (const r of rs) {
        const key = `${r.file}:${r.line}:${label(r)}`;
        if (r.verdict.state === 'pending' || reported.has(key)) continue;
        reported.add(key);
        const seconds = ((now() - startedMs) / 1000).toFixed(1);
        write(`[${seconds} s] ${r.verdict.state === 'ready' ? 'ready ' : 'failed'} ${label(r)}\n`);
      }
    },
    end: () => undefined,
  };
}

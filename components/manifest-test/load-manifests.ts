// Manifests as `k8ts test -f` reads them: files, directories (recursively: .yaml, .yml, .json) or `-`
// for standard input; YAML with several documents, JSON objects and `List`s. Every object keeps the
// file and line it came from, for reports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface Manifest {
  object: Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
  file: string;
  line: number;
}

export interface LoadProblem {
  file: string;
  line: number;
  message: string;
}

const MANIFEST = /\.(ya?ml|json)$/i;

function filesOf(path: string): string[] {
  if (path === '-') return ['-'];
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => {
      const full = join(path, entry);
      return statSync(full).isDirectory() ? filesOf(full) : MANIFEST.test(entry) ? [full] : [];
    });
}

export function loadManifests(paths: string[], stdin: () => string = () => readFileSync(0, 'utf8')): { manifests: Manifest[]; problems: LoadProblem[] } {
  const manifests: Manifest[] = [];
  const problems: LoadProblem[] = [];
  for (const file of paths.flatMap(filesOf)) {
    const text = file === '-' ? stdin() : readFileSync(file, 'utf8');
    const name = file === '-' ? '<stdin>' : file;
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    for (const doc of parseAllDocuments(text)) {
      const start = doc.range?.[0] ?? 0;
      if (doc.errors.length > 0) {
        problems.push({ file: name, line: lineOf(doc.errors[0]!.pos[0]), message: `error parsing YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
        continue;
      }
      const value = doc.toJSON() as unknown;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ file: name, line: lineOf(start), message: 'a manifest must be an object with apiVersion and kind' });
        continue;
      }
      const obj = value as Manifest['object'];
      const line = lineOf(doc.contents?.range?.[0] ?? start);
      if (obj.kind === 'List' && Array.isArray(obj.items)) {
        for (const item of obj.items as Array<Manifest['object']>) manifests.push({ object: item, file: name, line });
      } else manifests.push({ object: obj, file: name, line });
    }
  }
  return { manifests, problems };
}

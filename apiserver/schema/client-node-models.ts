// The one file that knows how @kubernetes/client-node lays out its generated models: for a model name it
// reads `dist/gen/models/<Name>.js` (the `attributeTypeMap`: JSON names, type strings, formats) and
// `<Name>.d.ts` (which fields are required, JSDoc descriptions). Read lazily, synchronously, one model at a
// time and cached: nothing happens at start-up, and the first Pod check reads about a hundred small files.
// Importing the package instead would cost ~340 ms (~130 ms for the models alone) and give no
// descriptions or required-ness.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One field as client-node declares it. `type` is client-node's type string (`Array<V1Container>`). */
export interface RawField {
  name: string;
  type: string;
  format: string;
  required: boolean;
  description?: string;
}

export interface RawModel {
  name: string;
  description?: string;
  fields: RawField[];
}

let modelsDir: string | undefined;
const cache = new Map<string, RawModel | null>();
let names: Set<string> | undefined;

function dir(): string {
  if (!modelsDir) {
    const main = createRequire(import.meta.url).resolve('@kubernetes/client-node');
    modelsDir = join(dirname(main), 'gen', 'models');
  }
  return modelsDir;
}

/** Every model client-node generates (about 700 names; one directory listing, cached). */
export function modelNames(): ReadonlySet<string> {
  if (!names) {
    names = new Set();
    for (const f of readdirSync(dir())) {
      if (f.endsWith('.d.ts') && /^[A-Z]/.test(f) && f !== 'ObjectSerializer.d.ts' && f !== 'VersionInfo.d.ts') names.add(f.slice(0, -5));
    }
    // VersionInfo is a real model (version.Info) whose file name lacks the version prefix.
    names.add('VersionInfo');
  }
  return names;
}

/** The model as client-node declares it, or undefined when there is no such model. */
export function readModel(name: string): RawModel | undefined {
  const hit = cache.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const model = modelNames().has(name) ? parseModel(name) : null;
  cache.set(name, model);
  return model ?? undefined;
}

function parseModel(name: string): RawModel | null {
  const js = readFileSync(join(dir(), `${name}.js`), 'utf8');
  const marker = `${name}.attributeTypeMap = [`;
  const start = js.indexOf(marker);
  if (start < 0) return null;
  const end = js.indexOf('\n];', start);
  const attrs = JSON.parse(js.slice(start + marker.length - 1, end + 2)) as Array<{ name: string; baseName: string; type: string; format: string }>;
  const dts = parseDeclaration(readFileSync(join(dir(), `${name}.d.ts`), 'utf8'));
  const fields = attrs.map((a): RawField => {
    // The declaration names properties by their TypeScript name (`_default`), the map by both.
    const decl = dts.fields.get(a.name) ?? dts.fields.get(a.baseName);
    const f: RawField = { name: a.baseName, type: a.type, format: a.format, required: decl?.required ?? false };
    if (decl?.description) f.description = decl.description;
    return f;
  });
  const model: RawModel = { name, fields };
  if (dts.description) model.description = dts.description;
  return model;
}

interface Declaration {
  description?: string;
  fields: Map<string, { required: boolean; description?: string }>;
}

// Class members sit at four spaces: `    'name'?: Type;` after an optional `/** ... */` block.
const PROPERTY = /^ {4}'([^']+)'(\??):/;

function parseDeclaration(text: string): Declaration {
  const out: Declaration = { fields: new Map() };
  const lines = text.split('\n');
  let comment: string[] | undefined;
  let pending: string | undefined;
  let inClass = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '/**') {
      comment = [];
      continue;
    }
    if (comment) {
      if (trimmed === '*/') {
        pending = comment.join('\n');
        comment = undefined;
      } else comment.push(trimmed.replace(/^\* ?/, ''));
      continue;
    }
    if (!inClass) {
      if (line.startsWith('export declare class ')) {
        inClass = true;
        if (pending) out.description = unescape(pending);
      }
      pending = undefined;
      continue;
    }
    const m = PROPERTY.exec(line);
    if (m) {
      const f: { required: boolean; description?: string } = { required: m[2] !== '?' };
      if (pending) f.description = unescape(pending);
      out.fields.set(m[1]!, f);
    }
    if (line.startsWith('    ')) pending = undefined;
  }
  return out;
}

/** The generator escapes quotes in JSDoc (`container\'s`, `\"default\"`). */
function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

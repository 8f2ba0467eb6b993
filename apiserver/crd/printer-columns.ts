// additionalPrinterColumns of a CRD version as table columns (apiextensions' table convertor): each
// column's jsonPath (the simple JSONPath subset CRDs allow: fields, `[n]`, `[*]` and `[?(@.k=="v")]`
// filters) is evaluated against the object; the first result fills the cell, typed by the column's type.
// A version without columns gets upstream's default: Age from metadata.creationTimestamp.
import { humanDuration } from '../registry/columns/human-duration.js';
import type { KubeObject, TableColumn } from '../registry/types.js';
import { isObject } from './json-schema.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

const DEFAULT_COLUMNS: PrinterColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];

export function printerColumns(columns: PrinterColumn[] | undefined): TableColumn[] {
  return (columns && columns.length > 0 ? columns : DEFAULT_COLUMNS).map((c) => {
    const steps = parseJsonPath(c.jsonPath);
    const col: TableColumn = { name: c.name, type: c.type, cell: (o: KubeObject, now: Date) => cellOf(c.type, evaluate(o, steps)[0], now) };
    if (c.format) col.format = c.format;
    if (c.description) col.description = c.description;
    if (c.priority) col.priority = c.priority;
    return col;
  });
}

type Step = { field: string } | { index: number } | { all: true } | { filter: { key: string[]; value: unknown; negate: boolean } };

/** `.status.conditions[?(@.type=="Ready")].status` → steps; an unparsable path yields steps matching nothing. */
export function parseJsonPath(path: string): Step[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  const steps: Step[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = p.indexOf(']', p.startsWith('[?(', i) ? p.indexOf(')', i) : i);
      if (end < 0) return [{ field: '\0' }];
      const inner = p.slice(i + 1, end);
      i = end + 1;
      if (inner === '*') steps.push({ all: true });
      else if (/^-?\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ field: inner.slice(1, -1) });
      else {
        const m = /^\?\(@\.([\w.-]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?[\d.]+|true|false))\)$/.exec(inner);
        if (!m) return [{ field: '\0' }];
        const value = m[3] ?? m[4] ?? JSON.parse(m[5]!);
        steps.push({ filter: { key: m[1]!.split('.'), value, negate: m[2] === '!=' } });
      }
      continue;
    }
    const m = /^[^.[]+/.exec(p.slice(i))!;
    steps.push({ field: m[0] });
    i += m[0].length;
  }
  return steps;
}

export function evaluate(root: unknown, steps: Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if ('field' in step) {
        if (isObject(v) && step.field in v) next.push(v[step.field]);
      } else if ('index' in step) {
        if (Array.isArray(v)) {
          const item = v[step.index < 0 ? v.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if ('all' in step) {
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v)) next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          let got: unknown = item;
          for (const k of step.filter.key) got = isObject(got) ? got[k] : undefined;
          if ((got === step.filter.value) !== step.filter.negate) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

function cellOf(type: PrinterColumn['type'], value: unknown, now: Date): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      // Shown as an age, as upstream's table convertor does (ConvertToHumanReadableDateType).
      if (typeof value !== 'string') return null;
      const t = Date.parse(value);
      return Number.isNaN(t) ? '<invalid>' : humanDuration(now.getTime() - t);
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

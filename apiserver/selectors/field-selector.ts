// Field selectors as kube-apiserver reads them: `metadata.name=x,status.phase!=Running`.
// Mirrors k8s.io/apimachinery pkg/fields/selector.go (ParseSelector, escaping, matching) and the per-kind
// field label conversion of kube-apiserver (pkg/apis/core/v1/conversion.go: `field label not supported: x`,
// runtime.DefaultMetaV1FieldSelectorConversion for kinds without a list). Pure, no I/O.
//
// Callers: the list/watch/deletecollection handlers. A parse or validation failure is a 400 BadRequest
// whose message is `message` as is.
import { goQuote } from './label-selector.js';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  /** The field path exactly as written (upstream does not trim it). */
  readonly field: string;
  readonly operator: FieldOperator;
  /** Unescaped value. */
  readonly value: string;
}

/** All requirements must match (AND); none selects everything. */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

export type FieldSelectorResult = { ok: true; selector: FieldSelector } | { ok: false; message: string };

/** Which field labels a kind accepts, as its upstream field label conversion function. */
export interface SupportedFields {
  /** Paths accepted as they are, e.g. `metadata.name`, `spec.nodeName`. */
  readonly fields: readonly string[];
  /** Old names rewritten to current ones (pods: `spec.host` → `spec.nodeName`). */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** Reads one field of an object as a string; undefined (absent) compares as "" like upstream's fields.Set. */
export type FieldGetter = (path: string) => string | undefined;

const OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

/** Parse the `fieldSelector` query parameter. An empty string selects everything. */
export function parseFieldSelector(text: string): FieldSelectorResult {
  // upstream sorts the terms before reading them: the first error reported is of the smallest term.
  const terms = splitTerms(text).sort(compareBytes);
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const split = splitTerm(term);
    if (!split) return { ok: false, message: `invalid selector: '${text}'; can't understand '${term}'` };
    const value = unescapeValue(split.rhs);
    if (typeof value !== 'string') return { ok: false, message: value.error };
    requirements.push({ field: split.lhs, operator: split.operator, value });
  }
  return { ok: true, selector: { requirements } };
}

/** Split on commas not escaped by a backslash. */
function splitTerms(text: string): string[] {
  if (text.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The first position where `!=`, `==` or `=` starts splits the term. */
function splitTerm(term: string): { lhs: string; operator: FieldOperator; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), operator: op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** `\\`, `\,` and `\=` are the only escapes; a bare `,` or `=` in a value is an error. */
function unescapeValue(s: string): string | { error: string } {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return { error: `invalid field selector: invalid escape sequence: \\${c}` };
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // upstream prints the rune with %v, i.e. its number (61 for '=').
      return { error: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` };
    } else {
      out += c;
    }
  }
  if (inSlash) return { error: 'invalid field selector: invalid escape sequence: \\' };
  return out;
}

/** Escape a value for the text form (EscapeValue). */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** The canonical text, as upstream's String(): terms in parse order, `==` written as `=`. */
export function formatFieldSelector(selector: FieldSelector): string {
  return selector.requirements
    .map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`)
    .join(',');
}

/** Does the object whose fields `get` reads satisfy every requirement? */
export function matchesFields(selector: FieldSelector, get: FieldGetter): boolean {
  return selector.requirements.every((r) => {
    const have = get(r.field) ?? '';
    return r.operator === '!=' ? have !== r.value : have === r.value;
  });
}

/** The value a selector pins `field` to with `=`/`==` (RequiresExactMatch), for index lookups. */
export function exactFieldMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
}

/**
 * Check every field against what the kind supports and rewrite aliases, as kube-apiserver's field label
 * conversion does before listing. Without `supported` only metadata.name and metadata.namespace are
 * accepted, with upstream's message for kinds that register no conversion (ConfigMap, Deployment, ...).
 */
export function checkFieldSelector(selector: FieldSelector, supported?: SupportedFields): FieldSelectorResult {
  const requirements: FieldRequirement[] = [];
  for (const r of selector.requirements) {
    if (!supported) {
      if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace') {
        return { ok: false, message: `${goQuote(r.field)} is not a known field selector: only "metadata.name", "metadata.namespace"` };
      }
      requirements.push(r);
      continue;
    }
    const alias = supported.aliases && Object.prototype.hasOwnProperty.call(supported.aliases, r.field) ? supported.aliases[r.field] : undefined;
    if (alias !== undefined) requirements.push({ ...r, field: alias });
    else if (supported.fields.includes(r.field)) requirements.push(r);
    else return { ok: false, message: `field label not supported: ${r.field}` };
  }
  return { ok: true, selector: { requirements } };
}

/**
 * A FieldGetter over a plain object: dotted paths, strings as they are, numbers and booleans printed
 * (`spec.unschedulable` → "true"/"false"), anything else absent. Kinds with computed fields wrap it.
 */
export function objectFieldGetter(obj: unknown): FieldGetter {
  return (path) => {
    let cur: unknown = obj;
    for (const part of path.split('.')) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    if (typeof cur === 'string') return cur;
    if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
    return undefined;
  };
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

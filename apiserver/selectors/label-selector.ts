// Label selectors as kube-apiserver reads them: the `labelSelector` query string grammar and a
// metav1.LabelSelector object (matchLabels + matchExpressions) both become one LabelSelector value.
// Mirrors k8s.io/apimachinery pkg/labels/selector.go (parser, matching, String) and
// pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector; validation messages are those of v1.33, the
// version k8ts serves (pkg/util/validation IsQualifiedName / IsValidLabelValue). Pure, no I/O.
//
// Callers: the list/watch/deletecollection handlers (a bad selector is a 400 with `message` as is) and
// controllers (`fromLabelSelectorObject` on .spec.selector).

/** upstream's selection.Operator values. `!` is DoesNotExist; `gt`/`lt` compare integers. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Sorted and unique when parsed from a string; as given for selector objects. */
  readonly values: readonly string[];
}

/** All requirements must match (AND). `matchNothing` is upstream's labels.Nothing() (a nil selector object). */
export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  readonly matchNothing?: boolean;
}

export type LabelSelectorResult = { ok: true; selector: LabelSelector } | { ok: false; message: string };

/** metav1.LabelSelector as it appears in .spec.selector of workloads. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

export const EVERYTHING: LabelSelector = Object.freeze({ requirements: Object.freeze([]) });
export const NOTHING: LabelSelector = Object.freeze({ requirements: Object.freeze([]), matchNothing: true });

/** Does `labels` (an object's metadata.labels) satisfy every requirement? Mirrors Requirement.Matches. */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | null | undefined): boolean {
  if (selector.matchNothing) return false;
  const ls = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, ls));
}

function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key]! : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || r.values.length !== 1) return false;
      const have = parseInt64(value);
      const want = parseInt64(r.values[0]!);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

/** Is this the selector that selects everything (no requirements)? */
export function isEverything(selector: LabelSelector): boolean {
  return !selector.matchNothing && selector.requirements.length === 0;
}

/** The canonical text, as upstream's Selector.String(): `app=x,tier in (a,b),!foo`. */
export function formatLabelSelector(selector: LabelSelector): string {
  return selector.requirements.map(formatRequirement).join(',');
}

function formatRequirement(r: LabelRequirement): string {
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort(compareBytes).join(',');
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}

/** A map selector (Service .spec.selector, ReplicationController): every label must equal. Empty selects everything. */
export function fromLabelSet(set: Readonly<Record<string, string>> | null | undefined): LabelSelector {
  const requirements = Object.keys(set ?? {})
    .sort(compareBytes)
    .map((key): LabelRequirement => ({ key, operator: '=', values: [set![key]!] }));
  return { requirements };
}

/**
 * A metav1.LabelSelector object as a selector (LabelSelectorAsSelector): null/undefined selects nothing,
 * an empty object everything. Invalid keys, values or operators give upstream's message.
 */
export function fromLabelSelectorObject(obj: LabelSelectorObject | null | undefined): LabelSelectorResult {
  if (obj === null || obj === undefined) return { ok: true, selector: NOTHING };
  const matchLabels = obj.matchLabels ?? {};
  const expressions = obj.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + expressions.length === 0) return { ok: true, selector: EVERYTHING };
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(matchLabels)) {
    const r = newRequirement(key, '=', [String(value)]);
    if (typeof r === 'string') return { ok: false, message: r };
    requirements.push(r);
  }
  for (const e of expressions) {
    const op = EXPRESSION_OPERATORS.get(e.operator);
    if (!op) return { ok: false, message: `${goQuote(e.operator)} is not a valid label selector operator` };
    const r = newRequirement(e.key ?? '', op, e.values && e.values.length > 0 ? e.values.map(String) : null);
    if (typeof r === 'string') return { ok: false, message: r };
    requirements.push(r);
  }
  return { ok: true, selector: { requirements: sortByKey(requirements) } };
}

const EXPRESSION_OPERATORS = new Map<string, LabelOperator>([
  ['In', 'in'],
  ['NotIn', 'notin'],
  ['Exists', 'exists'],
  ['DoesNotExist', '!'],
]);

// ---------------------------------------------------------------------------------------------------
// Parsing the query string grammar (labels.Parse):
//   <selector>    ::= <requirement> | <requirement> "," <selector>
//   <requirement> ::= [!] KEY [ ("in"|"notin") "(" VALUES ")" | ("="|"=="|"!="|">"|"<") VALUE ]
// Error texts are upstream's, so `kubectl get -l 'a b'` prints what it prints against a real cluster.

type Tok = 'end' | 'error' | 'closePar' | 'comma' | 'not' | 'doubleEquals' | 'equals' | 'greater' | 'ident' | 'in' | 'less' | 'notEquals' | 'notin' | 'openPar';

interface Token {
  tok: Tok;
  lit: string;
}

const LITERAL_TOKENS = new Map<string, Tok>([
  [')', 'closePar'],
  [',', 'comma'],
  ['!', 'not'],
  ['==', 'doubleEquals'],
  ['=', 'equals'],
  ['>', 'greater'],
  ['in', 'in'],
  ['<', 'less'],
  ['!=', 'notEquals'],
  ['notin', 'notin'],
  ['(', 'openPar'],
]);

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => c === '=' || c === '!' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<';
// upstream's lexer reads bytes and stops at a NUL byte as at the end of the input.
const isEnd = (c: string | undefined) => c === undefined || c === '\0';

function scan(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (!isEnd(input[pos]) && isWhitespace(input[pos]!)) pos++;
    const c = input[pos];
    if (isEnd(c)) {
      tokens.push({ tok: 'end', lit: '' });
      return tokens;
    }
    if (isSpecial(c!)) {
      // Longest special-symbol token: `!=` beats `!`, `==` beats `=`.
      let buf = '';
      let last: Token | undefined;
      while (!isEnd(input[pos]) && isSpecial(input[pos]!)) {
        buf += input[pos];
        const tok = LITERAL_TOKENS.get(buf);
        if (tok) last = { tok, lit: buf };
        else if (last) break;
        pos++;
      }
      tokens.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      const start = pos;
      while (!isEnd(input[pos]) && !isSpecial(input[pos]!) && !isWhitespace(input[pos]!)) pos++;
      const lit = input.slice(start, pos);
      const keyword = lit === 'in' || lit === 'notin' ? LITERAL_TOKENS.get(lit)! : 'ident';
      tokens.push({ tok: keyword, lit });
    }
  }
}

class ParseError extends Error {}

/** Parse the `labelSelector` query parameter. An empty string selects everything. */
export function parseLabelSelector(text: string): LabelSelectorResult {
  try {
    return { ok: true, selector: { requirements: sortByKey(new Parser(scan(text)).parse()) } };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, message: err.message };
    throw err;
  }
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  /** In value context the keywords `in`/`notin` are plain identifiers (`x in (in)`). */
  private lookahead(values = true): Token {
    const t = this.tokens[this.position]!;
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'ident', lit: t.lit } : t;
  }

  private consume(values = true): Token {
    const t = this.lookahead(values);
    this.position++;
    return t;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead();
      if (tok === 'end') return requirements;
      if (tok !== 'ident' && tok !== 'not') throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.parseRequirement());
      } catch (err) {
        if (err instanceof ParseError) throw new ParseError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const next = this.consume();
      if (next.tok === 'end') return requirements;
      if (next.tok !== 'comma') throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead();
      if (after.tok !== 'ident' && after.tok !== 'not') throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    if (inferred) return this.checked(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return this.checked(key, operator, [...values].sort(compareBytes));
  }

  private checked(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
    const r = newRequirement(key, operator, values);
    if (typeof r === 'string') throw new ParseError(r);
    return r;
  }

  private parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let operator: LabelOperator | undefined;
    let t = this.consume();
    if (t.tok === 'not') {
      operator = '!';
      t = this.consume();
    }
    if (t.tok !== 'ident') throw new ParseError(`found '${t.lit}', expected: identifier`);
    const errs = labelKeyErrors(t.lit);
    if (errs.length > 0) throw new ParseError(invalidValue('<nil>', goQuote(t.lit), errs.join('; ')));
    const next = this.lookahead().tok;
    if ((next === 'end' || next === 'comma') && operator !== '!') operator = 'exists';
    return operator ? { key: t.lit, operator } : { key: t.lit };
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume(false);
    const op = OPERATOR_OF_TOKEN.get(tok);
    if (!op) throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    return op;
  }

  private parseValues(): Set<string> {
    const open = this.consume();
    if (open.tok !== 'openPar') throw new ParseError(`found '${open.lit}' expected: '('`);
    const first = this.lookahead();
    if (first.tok === 'closePar') {
      this.consume();
      return new Set(['']);
    }
    if (first.tok !== 'ident' && first.tok !== 'comma') throw new ParseError(`found '${first.lit}', expected: ',', ')' or identifier`);
    const values = this.parseIdentifiersList();
    // upstream reports the first token inside the parentheses here.
    if (this.consume().tok !== 'closePar') throw new ParseError(`found '${first.lit}', expected: ')'`);
    return values;
  }

  /** A comma-separated list whose items may be empty: `(a,,b)`, `(,a)`, `(a,)`. */
  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const t = this.consume();
      if (t.tok === 'ident') {
        values.add(t.lit);
        const next = this.lookahead();
        if (next.tok === 'closePar') return values;
        if (next.tok !== 'comma') throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
      } else if (t.tok === 'comma') {
        if (values.size === 0) values.add('');
        const next = this.lookahead().tok;
        if (next === 'closePar') {
          values.add('');
          return values;
        }
        if (next === 'comma') values.add('');
      } else {
        throw new ParseError(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead().tok;
    if (next === 'end' || next === 'comma') return new Set(['']);
    const t = this.consume();
    if (t.tok === 'ident') return new Set([t.lit]);
    throw new ParseError(`found '${t.lit}', expected: identifier`);
  }
}

const OPERATOR_OF_TOKEN = new Map<Tok, LabelOperator>([
  ['in', 'in'],
  ['equals', '='],
  ['doubleEquals', '=='],
  ['greater', 'gt'],
  ['less', 'lt'],
  ['notin', 'notin'],
  ['notEquals', '!='],
]);

// ---------------------------------------------------------------------------------------------------
// NewRequirement's checks, with field.Error texts (`values[0][app]: Invalid value: "a b": ...`).

function newRequirement(key: string, operator: LabelOperator, values: string[] | null): LabelRequirement | string {
  const errors: string[] = [];
  const vals = values ?? [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length > 0) errors.push(invalidValue('key', goQuote(key), keyErrs.join('; ')));
  const shown = values === null ? 'null' : JSON.stringify(values);
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errors.push(invalidValue('values', shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errors.push(invalidValue('values', shown, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errors.push(invalidValue('values', shown, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errors.push(invalidValue('values', shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errors.push(invalidValue(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  vals.forEach((v, i) => {
    const errs = labelValueErrors(v);
    if (errs.length > 0) errors.push(invalidValue(`values[${i}][${key}]`, goQuote(v), errs.join('; ')));
  });
  if (errors.length > 0) return aggregate(errors);
  return { key, operator, values: vals };
}

const invalidValue = (field: string, shownValue: string, detail: string) => `${field}: Invalid value: ${shownValue}: ${detail}`;

/** utilerrors.Aggregate's text: one error as is, several deduplicated in brackets. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------------
// Label key and value syntax (v1.33 texts). Exported for metadata.labels validation.

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const maxLenError = (n: number) => `must be no more than ${n} characters`;
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  // upstream joins the examples as "'a',  or 'b', " (sic: two spaces).
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** Upstream's byte lengths: labels are measured in UTF-8 bytes. */
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** IsQualifiedName: `[prefix/]name`; empty when valid. */
export function labelKeyErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** IsValidLabelValue; empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

// ---------------------------------------------------------------------------------------------------

/** strconv.ParseInt(s, 10, 64) as a bigint, or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** Go's sort order for strings (bytes); for the ASCII of valid labels the same as code units. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  return requirements.sort((a, b) => compareBytes(a.key, b.key));
}

/** Go's %q for a string: double quotes with Go escapes for control characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

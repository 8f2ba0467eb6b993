// RFC 6902 JSON Patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4): add, remove, replace,
// move, copy, test over RFC 6901 pointers (`~1` is `/`, `~0` is `~`, `-` appends to an array).
// Where v4 is more lenient than the RFC, kube-apiserver is too, and so are we: `replace` of a missing
// object member adds it, `test` of a missing member passes when the value is null or absent, negative
// array indices count from the end, a missing `value` is null. Error texts are v4's, so a failing
// `kubectl patch --type=json` reads as it does against a real cluster. Pure: the input is not changed.

export interface JsonPatchOperation {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
  [member: string]: unknown;
}

export type DecodeResult = { ok: true; operations: JsonPatchOperation[] } | { ok: false; message: string };
export type JsonPatchResult = { ok: true; document: unknown } | { ok: false; message: string };

/** Check the body's shape (an array of objects), with the texts of Go's json decoder. */
export function decodeJsonPatch(body: unknown): DecodeResult {
  if (body === null) return { ok: true, operations: [] };
  if (!Array.isArray(body)) return { ok: false, message: `json: cannot unmarshal ${goJsonKind(body)} into Go value of type jsonpatch.Patch` };
  for (const op of body) {
    if (op !== null && (typeof op !== 'object' || Array.isArray(op))) {
      return { ok: false, message: `json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation` };
    }
  }
  return { ok: true, operations: body.map((op) => (op ?? {}) as JsonPatchOperation) };
}

/** Apply the operations in order; the first failure stops and nothing is applied. */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[]): JsonPatchResult {
  const box = { doc: structuredClone(document) };
  for (const op of operations) {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    try {
      const apply = OPERATIONS[kind];
      if (!apply) fail(`Unexpected kind: ${kind}`);
      apply(box, op);
    } catch (err) {
      if (err instanceof JsonPatchFailure) return { ok: false, message: err.message };
      throw err;
    }
  }
  return { ok: true, document: box.doc };
}

class JsonPatchFailure extends Error {}
function fail(message: string): never {
  throw new JsonPatchFailure(message);
}

const MISSING = 'missing value';
const BAD_INDEX = 'invalid index referenced';

type Box = { doc: unknown };
type Container = Record<string, unknown> | unknown[];

const OPERATIONS: Record<string, ((box: Box, op: JsonPatchOperation) => void) | undefined> = Object.assign(Object.create(null), {
  add(box: Box, op: JsonPatchOperation) {
    const path = stringMember(op, 'path', () => `add operation failed to decode path: ${MISSING}`);
    const at = locate(box.doc, path);
    if (!at) fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
    const err = insert(at.container, at.key, valueOf(op));
    if (err) fail(`error in add for path: '${path}': ${err}`);
  },

  remove(box: Box, op: JsonPatchOperation) {
    const path = stringMember(op, 'path', () => `remove operation failed to decode path: ${MISSING}`);
    const at = locate(box.doc, path);
    if (!at) fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
    const err = removeAt(at.container, at.key);
    if (typeof err === 'string') fail(`error in remove for path: '${path}': ${err}`);
  },

  replace(box: Box, op: JsonPatchOperation) {
    const path = stringMember(op, 'path', (e) => `replace operation failed to decode path: ${e}`);
    if (path === '') {
      const value = valueOf(op);
      if (value === null || typeof value !== 'object') fail('replace operation value must be object or array');
      box.doc = value;
      return;
    }
    const at = locate(box.doc, path);
    if (!at) fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
    if (Array.isArray(at.container)) {
      const idx = arrayIndex(at.container, at.key);
      if (typeof idx === 'string') fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      at.container[idx] = valueOf(op);
    } else {
      at.container[at.key] = valueOf(op);
    }
  },

  move(box: Box, op: JsonPatchOperation) {
    const from = stringMember(op, 'from', (e) => `move operation failed to decode from: ${e}`, 'operation, missing from field');
    const src = locate(box.doc, from);
    if (!src) fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
    const got = read(src.container, src.key);
    if (typeof got === 'string') fail(`error in move for path: '${src.key}': ${got}`);
    const removed = removeAt(src.container, src.key);
    if (typeof removed === 'string') fail(`error in move for path: '${src.key}': ${removed}`);
    const path = stringMember(op, 'path', (e) => `move operation failed to decode path: ${e}`);
    const dst = locate(box.doc, path);
    if (!dst) fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
    const err = insert(dst.container, dst.key, removed.value);
    if (err) fail(`error in move for path: '${path}': ${err}`);
  },

  copy(box: Box, op: JsonPatchOperation) {
    const from = stringMember(op, 'from', (e) => `copy operation failed to decode from: ${e}`, 'operation, missing from field');
    const src = locate(box.doc, from);
    if (!src) fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
    const got = read(src.container, src.key);
    if (typeof got === 'string') fail(`error in copy for from: '${from}': ${got}`);
    // v4 would copy a missing member as null; the RFC (and a user) expects an error.
    if (!got.found) fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
    const path = stringMember(op, 'path', () => `copy operation failed to decode path: ${MISSING}`);
    const dst = locate(box.doc, path);
    if (!dst) fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
    const err = insert(dst.container, dst.key, structuredClone(got.value));
    if (err) fail(`error while adding value during copy: ${err}`);
  },

  test(box: Box, op: JsonPatchOperation) {
    const path = stringMember(op, 'path', (e) => `test operation failed to decode path: ${e}`);
    const failed = () => fail(`testing value ${path} failed: test failed`);
    if (path === '') {
      if (!jsonEqual(box.doc, valueOf(op))) failed();
      return;
    }
    const at = locate(box.doc, path);
    if (!at) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
    const got = read(at.container, at.key);
    if (typeof got === 'string') fail(`error in test for path: '${path}': ${got}`);
    if (!got.found) {
      if (op.value === undefined || op.value === null) return;
      failed();
    }
    if (!('value' in op) || !jsonEqual(got.value, op.value)) failed();
  },
});

/** A string member of the operation, or the failure text (`missing` when absent, Go's type error when not a string). */
function stringMember(op: JsonPatchOperation, name: 'path' | 'from', message: (cause: string) => string, missing = 'operation missing path field'): string {
  const v = op[name];
  if (v === undefined || v === null) fail(message(`${missing}: ${MISSING}`));
  if (typeof v !== 'string') fail(message(`json: cannot unmarshal ${goJsonKind(v)} into Go value of type string`));
  return v;
}

const valueOf = (op: JsonPatchOperation): unknown => (op.value === undefined ? null : structuredClone(op.value));

/** The container of the pointer's last token and that token, or undefined when the parent is missing. */
function locate(doc: unknown, pointer: string): { container: Container; key: string } | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/').map(unescapeToken);
  let cur: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const idx = arrayIndex(cur, token);
      if (typeof idx === 'string') return undefined;
      cur = cur[idx];
    } else if (isObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, token)) return undefined;
      cur = cur[token];
    } else {
      return undefined;
    }
  }
  if (!Array.isArray(cur) && !isObject(cur)) return undefined;
  return { container: cur, key: tokens[tokens.length - 1]! };
}

const unescapeToken = (t: string) => t.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));

function read(container: Container, key: string): { found: boolean; value: unknown } | string {
  if (Array.isArray(container)) {
    const idx = arrayIndex(container, key);
    return typeof idx === 'string' ? idx : { found: true, value: container[idx] };
  }
  const found = Object.prototype.hasOwnProperty.call(container, key);
  return { found, value: found ? container[key] : undefined };
}

function insert(container: Container, key: string, value: unknown): string | undefined {
  if (!Array.isArray(container)) {
    container[key] = value;
    return undefined;
  }
  if (key === '-') {
    container.push(value);
    return undefined;
  }
  const n = atoi(key);
  if (typeof n === 'string') return `value was not a proper array index: '${key}': ${n}`;
  const size = container.length + 1;
  if (n >= size || n < -size) return `Unable to access invalid index: ${n}: ${BAD_INDEX}`;
  container.splice(n < 0 ? n + size : n, 0, value);
  return undefined;
}

function removeAt(container: Container, key: string): { value: unknown } | string {
  if (Array.isArray(container)) {
    const idx = arrayIndex(container, key);
    if (typeof idx === 'string') return idx;
    return { value: container.splice(idx, 1)[0] };
  }
  if (!Object.prototype.hasOwnProperty.call(container, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
  const value = container[key];
  delete container[key];
  return { value };
}

/** An existing element's index (negative counts from the end), or the error text. */
function arrayIndex(array: unknown[], key: string): number | string {
  const n = atoi(key);
  if (typeof n === 'string') return n;
  if (n >= array.length || n < -array.length) return `Unable to access invalid index: ${n}: ${BAD_INDEX}`;
  return n < 0 ? n + array.length : n;
}

/** strconv.Atoi: the number, or Go's error text. */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = BigInt(s);
  if (n >= 2n ** 63n || n < -(2n ** 63n)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return Number(n);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Structural equality of JSON values (member order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The JSON kind as Go's decoder names it in `cannot unmarshal X into ...`. */
export function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'object':
      return 'object';
    case 'boolean':
      return 'bool';
    default:
      return typeof v;
  }
}

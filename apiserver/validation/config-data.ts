// ConfigMap and Secret data as upstream's ValidateConfigMap / ValidateSecret check them: every key a
// valid config key (IsConfigMapKey), no key in both data and binaryData, total size at most 1 MiB.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asObj, invalid, tooLong } from './field-errors.js';

/** Upstream's MaxSecretSize, which ConfigMaps share. */
export const MAX_DATA_SIZE = 1024 * 1024;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** IsConfigMapKey: the problems of a data key. */
export function configKeyProblems(key: string): string[] {
  const out: string[] = [];
  if (key.length > 253) out.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) out.push(CONFIG_KEY_MSG);
  if (key === '.') out.push("must not be '.'");
  else if (key === '..') out.push("must not be '..'");
  else if (key.startsWith('..')) out.push("must not start with '..'");
  return out;
}

function keyErrors(map: Record<string, unknown>, path: string): FieldError[] {
  return Object.keys(map).flatMap((k) => configKeyProblems(k).map((m) => invalid(`${path}[${k}]`, k, m)));
}

/** Bytes of a base64 value once decoded (Secret data, ConfigMap binaryData). */
const decodedSize = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').length : 0);

export function validateConfigMap(obj: KubeObject): FieldError[] {
  const data = asObj(obj.data) ?? {};
  const binary = asObj(obj.binaryData) ?? {};
  const errors = [...keyErrors(data, 'data'), ...keyErrors(binary, 'binaryData')];
  for (const k of Object.keys(binary)) if (k in data) errors.push(invalid(`binaryData[${k}]`, k, 'duplicate of key present in data'));
  let size = 0;
  for (const v of Object.values(data)) size += Buffer.byteLength(typeof v === 'string' ? v : '');
  for (const v of Object.values(binary)) size += decodedSize(v);
  if (size > MAX_DATA_SIZE) errors.push(tooLong('', MAX_DATA_SIZE));
  return errors;
}

export function validateSecret(obj: KubeObject): FieldError[] {
  const data = asObj(obj.data) ?? {};
  const errors = keyErrors(data, 'data');
  let size = 0;
  for (const v of Object.values(data)) size += decodedSize(v);
  if (size > MAX_DATA_SIZE) errors.push(tooLong('data', MAX_DATA_SIZE));
  return errors;
}

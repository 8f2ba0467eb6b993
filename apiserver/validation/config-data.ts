// ConfigMap and Secret data as upstream's ValidateConfigMap / ValidateSecret check them: every key a
// valid config key (IsConfigMapKey), no key in both data and binaryData, total size at most 1 MiB.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asObj, invalid, required, tooLong } from './field-errors.js';

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

/** The keys a Secret of a built-in type must carry (ValidateSecret's switch on secret.Type). */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(obj: KubeObject): FieldError[] {
  const data = asObj(obj.data) ?? {};
  const errors = keyErrors(data, 'data');
  let size = 0;
  for (const v of Object.values(data)) size += decodedSize(v);
  if (size > MAX_DATA_SIZE) errors.push(tooLong('data', MAX_DATA_SIZE));
  const type = typeof obj.type === 'string' ? obj.type : '';
  for (const key of REQUIRED_KEYS[type] ?? []) if (!(key in data)) errors.push(required(`data[${key}]`));
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    errors.push(required('data[username]'), required('data[password]'));
  }
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata?.annotations?.['kubernetes.io/service-account.name']) {
    errors.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  return errors;
}

// What may not change on update, per kind (upstream's Validate*Update functions). The general
// validation of the new object runs too; these add the immutability rules. Upstream appends a diff of
// the specs to some of these messages; we give the sentence without the diff.
import { isDeepStrictEqual } from 'node:util';
import type { FieldError, KubeObject } from '../registry/types.js';
import { asArray, asObj, forbidden, type Obj } from './field-errors.js';

const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set';

/** ConfigMaps and Secrets marked immutable keep their data (ValidateConfigMapUpdate/ValidateSecretUpdate). */
function immutableData(fields: string[]) {
  return (obj: KubeObject, old: KubeObject): FieldError[] => {
    if (old.immutable !== true) return [];
    const errors: FieldError[] = [];
    if (obj.immutable !== true) errors.push(forbidden('immutable', IMMUTABLE_WHEN_SET));
    for (const f of fields) {
      if (!isDeepStrictEqual(obj[f] ?? {}, old[f] ?? {})) errors.push(forbidden(f, IMMUTABLE_WHEN_SET));
    }
    return errors;
  };
}

const POD_UPDATE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: only images, activeDeadlineSeconds and added tolerations may change. */
function podUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = structuredClone(asObj(obj.spec) ?? {});
  const oldSpec = asObj(old.spec) ?? {};
  const images = (path: 'containers' | 'initContainers') => {
    const olds = asArray(oldSpec[path]);
    asArray(spec[path]).forEach((c, i) => {
      const o = asObj(olds[i]);
      const n = asObj(c);
      if (o && n) n.image = o.image;
    });
  };
  images('containers');
  images('initContainers');
  spec.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  const oldTolerations = asArray(oldSpec.tolerations);
  const newTolerations = asArray(spec.tolerations);
  if (oldTolerations.every((t) => newTolerations.some((n) => isDeepStrictEqual(n, t)))) spec.tolerations = oldSpec.tolerations;
  if (spec.activeDeadlineSeconds === undefined) delete spec.activeDeadlineSeconds;
  if (spec.tolerations === undefined) delete spec.tolerations;
  return isDeepStrictEqual(spec, oldSpec) ? [] : [forbidden('spec', POD_UPDATE)];
}

const STATEFULSET_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** ValidateStatefulSetUpdate. */
function statefulSetUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const strip = (s: Obj) => {
    const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, revisionHistoryLimit: _h, persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = s;
    return rest;
  };
  return isDeepStrictEqual(strip(asObj(obj.spec) ?? {}), strip(asObj(old.spec) ?? {})) ? [] : [forbidden('spec', STATEFULSET_UPDATE)];
}

/** ValidatePersistentVolumeClaimUpdate: a claim's spec is fixed once made, but for its size. */
function claimUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const strip = (s: Obj) => {
    const copy = structuredClone(s);
    const resources = asObj(copy.resources);
    if (resources) delete resources.requests;
    delete copy.volumeAttributesClassName;
    // An unset class may be set later (upstream's retroactive default StorageClass assignment).
    if (asObj(old.spec)?.storageClassName === undefined || asObj(old.spec)?.storageClassName === null) delete copy.storageClassName;
    // A claim being bound gets its volumeName set by the binder.
    if (!asObj(old.spec)?.volumeName) delete copy.volumeName;
    return copy;
  };
  if (isDeepStrictEqual(strip(asObj(obj.spec) ?? {}), strip(asObj(old.spec) ?? {}))) return [];
  return [forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
}

export type UpdateValidator = (obj: KubeObject, old: KubeObject) => FieldError[];

export const UPDATE_VALIDATORS: Record<string, UpdateValidator> = {
  '/ConfigMap': immutableData(['data', 'binaryData']),
  '/Secret': immutableData(['data']),
  '/Pod': podUpdate,
  '/PersistentVolumeClaim': claimUpdate,
  'apps/StatefulSet': statefulSetUpdate,
};

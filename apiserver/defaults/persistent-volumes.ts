// PersistentVolume and PersistentVolumeClaim defaults (core/v1 SetDefaults_PersistentVolume,
// _PersistentVolumeClaimSpec). The claim spec's defaults are shared with StatefulSet volumeClaimTemplates
// and ephemeral volumes' claim templates.
import { child, defaultString, specOf, type Fields } from './fields.js';

export function defaultPersistentVolumeClaimSpec(spec: Fields): void {
  defaultString(spec, 'volumeMode', 'Filesystem');
}

/** A claim's status phase starts Pending (SetDefaults_PersistentVolumeClaim), also in StatefulSet claim templates. */
export function defaultPersistentVolumeClaim(obj: object): void {
  defaultPersistentVolumeClaimSpec(specOf(obj));
  defaultString(child(obj as Fields, 'status'), 'phase', 'Pending');
}

export function defaultPersistentVolume(obj: object): void {
  const spec = specOf(obj);
  defaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  defaultString(spec, 'volumeMode', 'Filesystem');
  defaultString(child(obj as Fields, 'status'), 'phase', 'Pending');
}

// Shared cells of persistentvolumes and persistentvolumeclaims (upstream helper.GetAccessModesAsString,
// GetPersistentVolumeClass).

const SHORT_MODES: Array<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `RWO,RWX` in upstream's fixed order, duplicates dropped. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return SHORT_MODES.filter(([mode]) => set.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** The storage class: the legacy beta annotation wins over spec.storageClassName. */
export function storageClassOf(annotations: Record<string, string> | undefined, specClass: string | undefined): string {
  return annotations?.['volume.beta.kubernetes.io/storage-class'] ?? specClass ?? '';
}

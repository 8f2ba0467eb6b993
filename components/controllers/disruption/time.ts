// metav1.Time on the wire: RFC 3339 in whole seconds, UTC.
export const metaTimeOf = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

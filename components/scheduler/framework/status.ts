// Filter and PreFilter verdicts: "doesn't fit" is a value, not an exception.
// Mirrors kube-scheduler framework Status (pkg/scheduler/framework/interface.go): a code, the
// reasons (each counted separately in the FitError histogram) and the plugin that rejected.

export type StatusCode = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  /** The plugin that produced a rejection; set by the runner. */
  readonly plugin?: string;
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as readonly string[] });
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: Object.freeze([]) as readonly string[] });

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

export function errorStatus(message: string): Status {
  return { code: 'Error', reasons: [message] };
}

export function isSuccess(s: Status): boolean {
  return s.code === 'Success';
}

/** Unschedulable or UnschedulableAndUnresolvable (upstream Status.IsRejected). */
export function isRejected(s: Status): boolean {
  return s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable';
}

/** Upstream Status.Message(): the reasons joined with ", ". */
export function statusMessage(s: Status): string {
  return s.reasons.join(', ');
}

export function withPlugin(s: Status, plugin: string): Status {
  return { ...s, plugin };
}

// The query and path parameters of the API's operations, as OpenAPI 3 parameter objects. Names, places and
// types are upstream's; kubectl reads `fieldValidation` on the patch operation to decide that the server
// validates fields (kubectl-contract.md §2).

export interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: true;
  schema: { type: 'string' | 'integer' | 'boolean' };
}

const q = (name: string, type: Parameter['schema']['type'], description: string): Parameter => ({ name, in: 'query', description, schema: { type } });

export const P = {
  allowWatchBookmarks: q(
    'allowWatchBookmarks',
    'boolean',
    'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag.',
  ),
  continue: q('continue', 'string', 'The continue token of a previous list call with a limit, to fetch the next chunk of results.'),
  dryRun: q(
    'dryRun',
    'string',
    'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed',
  ),
  fieldManager: q('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  fieldSelector: q('fieldSelector', 'string', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  fieldValidation: q(
    'fieldValidation',
    'string',
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: unknown fields are dropped and the last of duplicate fields wins. - Warn: a warning is sent for each unknown or duplicate field, and the request succeeds. - Strict: the request fails with BadRequest if there are unknown or duplicate fields.',
  ),
  force: q('force', 'boolean', 'Force is going to "force" Apply requests: the manager re-acquires fields owned by others. Must be unset for non-apply patches.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted. Zero means delete immediately.'),
  labelSelector: q('labelSelector', 'string', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  limit: q('limit', 'integer', 'limit is a maximum number of responses to return for a list call; the rest is reachable with the `continue` token.'),
  orphanDependents: q('orphanDependents', 'boolean', 'Deprecated: please use the PropagationPolicy. Should the dependent objects be orphaned.'),
  pretty: q('pretty', 'string', "If 'true', then the output is pretty printed."),
  propagationPolicy: q(
    'propagationPolicy',
    'string',
    "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.",
  ),
  resourceVersion: q('resourceVersion', 'string', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  resourceVersionMatch: q('resourceVersionMatch', 'string', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  sendInitialEvents: q('sendInitialEvents', 'boolean', 'With watch=true, start the watch stream with synthetic events for the current state of the collection.'),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  watch: q('watch', 'boolean', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.'),
  namespace: { name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string' } },
} satisfies Record<string, Parameter>;

export const nameParameter = (kind: string): Parameter => ({ name: 'name', in: 'path', description: `name of the ${kind}`, required: true, schema: { type: 'string' } });

/** Per operation, in upstream's order. */
export const LIST_PARAMETERS = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
  P.watch,
];
export const WRITE_PARAMETERS = [P.dryRun, P.fieldManager, P.fieldValidation];
export const PATCH_PARAMETERS = [P.dryRun, P.fieldManager, P.fieldValidation, P.force];
export const DELETE_PARAMETERS = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];
export const DELETE_COLLECTION_PARAMETERS = [
  P.continue,
  P.dryRun,
  P.fieldSelector,
  P.gracePeriodSeconds,
  P.labelSelector,
  P.limit,
  P.orphanDependents,
  P.propagationPolicy,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
];

/** pods/log's own parameters. */
export const LOG_PARAMETERS = [
  q('container', 'string', 'The container for which to stream logs. Defaults to only container if there is one container in the pod.'),
  q('follow', 'boolean', 'Follow the log stream of the pod. Defaults to false.'),
  q('insecureSkipTLSVerifyBackend', 'boolean', 'Do not verify the serving certificate of the kubelet the logs come from.'),
  q('limitBytes', 'integer', 'If set, the number of bytes to read from the server before terminating the log output.'),
  q('previous', 'boolean', 'Return previous terminated container logs. Defaults to false.'),
  q('sinceSeconds', 'integer', 'A relative time in seconds before the current time from which to show logs.'),
  q('stream', 'string', 'Which container log stream to return: "All", "Stdout" or "Stderr". Defaults to "All".'),
  q('tailLines', 'integer', 'If set, the number of lines from the end of the logs to show.'),
  q('timestamps', 'boolean', 'If true, add an RFC3339 timestamp at the beginning of every line of log output. Defaults to false.'),
];

/** exec and attach parameters. */
export const STREAM_PARAMETERS = [
  q('command', 'string', 'Command is the remote command to execute. argv array. Not executed within a shell.'),
  q('container', 'string', 'Container in which to execute the command. Defaults to only container if there is only one container in the pod.'),
  q('stderr', 'boolean', 'Redirect the standard error stream of the pod for this call.'),
  q('stdin', 'boolean', 'Redirect the standard input stream of the pod for this call. Defaults to false.'),
  q('stdout', 'boolean', 'Redirect the standard output stream of the pod for this call.'),
  q('tty', 'boolean', 'TTY if true indicates that a tty will be allocated for the exec call. Defaults to false.'),
];

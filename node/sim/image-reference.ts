// Image references as the container runtime parses them (distribution/reference's grammar): what a
// kubelet refuses with InvalidImageName, and the fully qualified name containerd reports in status.
import { createHash } from 'node:crypto';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`);

export interface ImageReference {
  /** e.g. docker.io/library/busybox */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parsed references by image string: a cluster runs few images, and every pod sync asks again. */
const parsed = new Map<string, ImageReference | undefined>();
const PARSED_MAX = 1000;

/** The parsed reference, or undefined when the runtime would refuse it. */
export function parseImage(image: string): ImageReference | undefined {
  if (parsed.has(image)) return parsed.get(image);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  const ref = parse(image);
  if (ref) Object.freeze(ref);
  parsed.set(image, ref);
  return ref;
}

function parse(image: string): ImageReference | undefined {
  const m = REFERENCE.exec(image);
  if (!m || image.length > 255) return undefined;
  let domain: string | undefined = m[1];
  let path = m[2];
  // A first component without '.' or ':' that is not localhost is a Docker Hub path, not a domain.
  if (domain && !/[.:]/.test(domain) && domain !== 'localhost' && domain === domain.toLowerCase()) {
    path = `${domain}/${path}`;
    domain = undefined;
  }
  if (!domain) {
    domain = 'docker.io';
    if (!path.includes('/')) path = `library/${path}`;
  }
  return { repository: `${domain}/${path}`, tag: m[3] ?? (m[4] ? undefined : 'latest'), digest: m[4] };
}

/** The waiting message of InvalidImageName, as kubelet 1.33 words it. */
export function invalidImageMessage(image: string): string {
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
}

/** The image as containerd reports it in status (`docker.io/library/busybox:latest`). */
export function normalizedImage(ref: ImageReference): string {
  return ref.digest && !ref.tag ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag}`;
}

/** A stable, made-up image ID: the repository with a digest derived from the reference. */
export function simulatedImageID(ref: ImageReference): string {
  let id = imageIDs.get(ref);
  if (id === undefined) imageIDs.set(ref, (id = `${ref.repository}@${ref.digest ?? `sha256:${createHash('sha256').update(normalizedImage(ref)).digest('hex')}`}`));
  return id;
}

const imageIDs = new WeakMap<ImageReference, string>();

/** The effective pull policy: Always for `:latest` or untagged images, else IfNotPresent (upstream defaulting). */
export function pullPolicy(image: string, policy?: string): string {
  if (policy) return policy;
  const ref = parseImage(image);
  return !ref || (ref.tag === 'latest' && !ref.digest) ? 'Always' : 'IfNotPresent';
}

import { z } from 'zod';

/** Longest namespace accepted, in UTF-16 code units. */
export const MAX_NAMESPACE_LENGTH = 256;

/**
 * A namespace is a hard wall: no call reads or writes across it. Any non-blank string of printable
 * characters works; `formatNamespace` gives the conventional `user:…/agent:…/project:…` shape.
 */
export const namespaceSchema = z
  .string()
  .min(1, 'namespace must not be empty')
  .max(MAX_NAMESPACE_LENGTH, `namespace must be at most ${MAX_NAMESPACE_LENGTH} characters`)
  .refine((value) => value.trim().length > 0, 'namespace must not be blank')
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'namespace must not contain control characters')
  .refine((value) => value.isWellFormed(), 'namespace must be well-formed Unicode (no lone surrogates)');

/** The parts of a conventional namespace: whose memory it is. */
export interface NamespaceParts {
  user?: string;
  agent?: string;
  project?: string;
}

/** Builds the conventional namespace string, such as `user:alice/agent:mika`. */
export function formatNamespace(parts: NamespaceParts): string {
  const segments: string[] = [];
  for (const key of ['user', 'agent', 'project'] as const) {
    const value = parts[key];
    if (value !== undefined) segments.push(`${key}:${value.replaceAll('/', '%2F')}`);
  }
  return namespaceSchema.parse(segments.join('/'));
}

/**
 * True when `namespace` is `scope` itself or lies below it (`scope/…`): `user:alice/agent:mika` is
 * within `user:alice`; `user:alicia` is not. For confining a caller to one user's memories.
 */
export function isWithinNamespace(namespace: string, scope: string): boolean {
  return namespace === scope || namespace.startsWith(`${scope}/`);
}

/** True for a string every core call accepts as a namespace (see `namespaceSchema`). */
export function isValidNamespace(value: unknown): value is string {
  return namespaceSchema.safeParse(value).success;
}

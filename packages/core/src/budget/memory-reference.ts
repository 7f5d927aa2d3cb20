import type { MemoryStore } from '../store/memory-store.js';

/** The reference a context renders for a memory and a model cites back: `m:<id>` (the full id). */
export function memoryReference(id: string): string {
  return `m:${id}`;
}

/** How short a cited id may get. */
export const MEMORY_REFERENCE_DEFAULTS = Object.freeze({
  /**
   * Fewest characters of an id a context cites: 4 of the 12 base32 characters take about 4.4
   * tokens against 9.5 for the whole id (o200k), a fifth of a short line. @default 4
   */
  minLength: 4,
});

/**
 * The reference each memory is cited by in a context: `m:` and the shortest prefix of its id (at
 * least `minLength` characters) that no other memory of the namespace starts with, so a model can
 * cite it back unambiguously; the full id when the store cannot look ids up by prefix.
 */
export async function shortReferences(
  store: MemoryStore,
  namespace: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const references = new Map<string, string>();
  if (!store.idsByPrefix) {
    for (const id of ids) references.set(id, memoryReference(id));
    return references;
  }
  let pending = [...new Set(ids)];
  for (let length = MEMORY_REFERENCE_DEFAULTS.minLength; pending.length > 0; length++) {
    const short = pending.filter((id) => id.length > length);
    for (const id of pending) if (id.length <= length) references.set(id, memoryReference(id));
    const found = await store.idsByPrefix(
      namespace,
      short.map((id) => id.slice(0, length)),
      2,
    );
    pending = [];
    for (const id of short) {
      const matches = found.get(id.slice(0, length)) ?? [];
      if (matches.length === 1 && matches[0] === id) references.set(id, memoryReference(id.slice(0, length)));
      else pending.push(id);
    }
  }
  return references;
}

/** A cited reference as an id: trimmed, `m:` dropped; prefixes are not resolved. */
export function referencedId(reference: string): string {
  return reference.trim().replace(/^m\s*:\s*/iu, '');
}

/**
 * The memory ids that references cited by a model stand for, in a namespace: `m:` optional, a whole
 * id, or a prefix only one memory of the namespace starts with. Unknown or ambiguous references map
 * to themselves (stripped of `m:`), so callers report them as not found.
 */
export async function resolveReferences(
  store: MemoryStore,
  namespace: string,
  references: readonly string[],
): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  const ids = [...new Set(references.map(referencedId))];
  const exact = new Set(
    (await store.get(ids)).filter((record) => record.namespace === namespace).map((record) => record.id),
  );
  const unknown = ids.filter((id) => !exact.has(id) && id.length >= MEMORY_REFERENCE_DEFAULTS.minLength);
  const byPrefix =
    unknown.length > 0 && store.idsByPrefix
      ? await store.idsByPrefix(namespace, unknown, 2)
      : new Map<string, string[]>();
  for (const reference of references) {
    const id = referencedId(reference);
    const matches = byPrefix.get(id) ?? [];
    resolved.set(reference, !exact.has(id) && matches.length === 1 ? matches[0]! : id);
  }
  return resolved;
}

import type { EntityNode, EntityWrite, MemoryGraph, MemoryLink } from '../store/memory-store.js';
import { extractEntities } from './extract-entities.js';

/** Entities to create and `mentions` links to write for some memories of one namespace. */
export interface MentionLinks {
  readonly entities: EntityWrite[];
  readonly links: MemoryLink[];
  /** The memories' resolved entity keys, by memory id (each list deduplicated, in text order). */
  readonly keysById: ReadonlyMap<string, readonly string[]>;
}

/** Longest chain of renames followed when resolving an entity. */
const MAX_MERGE_HOPS = 8;

/**
 * Works out which entities some memories mention and where their links go: names are extracted
 * from the text (see `extractEntities`), renamed or merged entities resolve to the entity they were
 * merged into, and a sentence-opening capitalised word counts only when the namespace (or a certain
 * mention in the same batch) already knows it. Reads the graph; writes nothing.
 */
export async function planMentionLinks(
  graph: MemoryGraph,
  namespace: string,
  memories: readonly { readonly id: string; readonly text: string }[],
  /** Keys mentioned with certainty by other memories (consolidation passes the whole namespace's). */
  certainElsewhere: ReadonlySet<string> = new Set(),
): Promise<MentionLinks> {
  const extracted = memories.map((memory) => extractEntities(memory.text));
  const known = await knownEntities(graph, namespace, [
    ...new Set(extracted.flat().flatMap((mention) => [mention.key, ...(mention.tail ? [mention.tail.key] : [])])),
  ]);
  const certainKeys = new Set([
    ...certainElsewhere,
    ...extracted.flat().flatMap((mention) => (mention.confidence === 'certain' ? [mention.key] : [])),
  ]);
  // "Took Miso" opening a sentence stands for Miso when Miso is known.
  const mentions = extracted.map((list) =>
    list.map((mention) =>
      mention.tail && (known.has(mention.tail.key) || certainKeys.has(mention.tail.key))
        ? { ...mention.tail, confidence: 'certain' as const }
        : mention,
    ),
  );
  const certain = new Set([
    ...certainElsewhere,
    ...mentions.flat().flatMap((mention) => (mention.confidence === 'certain' ? [mention.key] : [])),
  ]);
  const entities = new Map<string, EntityWrite>();
  const links: MemoryLink[] = [];
  const keysById = new Map<string, string[]>();
  memories.forEach((memory, index) => {
    const keys: string[] = [];
    for (const mention of mentions[index]!) {
      if (mention.confidence === 'possible' && !known.has(mention.key) && !certain.has(mention.key)) continue;
      const target = resolveEntity(known, mention.key);
      if (!known.has(target) && !entities.has(target)) entities.set(target, { key: target, name: mention.name });
      if (keys.includes(target)) continue;
      keys.push(target);
      links.push({ type: 'mentions', from: memory.id, to: target });
    }
    keysById.set(memory.id, keys);
  });
  return { entities: [...entities.values()], links, keysById };
}

/** Follows `mergedInto` from a key to the entity that stands for it now (cycles stop where they repeat). */
export function resolveEntity(known: ReadonlyMap<string, EntityNode>, key: string): string {
  let current = key;
  const seen = new Set([key]);
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const next = known.get(current)?.mergedInto;
    if (!next || seen.has(next)) break;
    seen.add(next);
    current = next;
  }
  return current;
}

/** The namespace's entities for these keys and every entity their merges lead to. */
export async function knownEntities(
  graph: MemoryGraph,
  namespace: string,
  keys: readonly string[],
): Promise<Map<string, EntityNode>> {
  const known = new Map<string, EntityNode>();
  const requested = new Set(keys);
  let missing = [...requested];
  for (let hop = 0; hop <= MAX_MERGE_HOPS && missing.length > 0; hop++) {
    for (const entity of await graph.entities(namespace, missing)) known.set(entity.key, entity);
    missing = [...known.values()].flatMap((entity) =>
      entity.mergedInto !== null && !requested.has(entity.mergedInto) ? [entity.mergedInto] : [],
    );
    for (const key of missing) requested.add(key);
  }
  return known;
}

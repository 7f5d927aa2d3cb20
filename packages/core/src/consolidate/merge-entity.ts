import { z } from 'zod';
import { entityKey } from '../entities/extract-entities.js';
import { knownEntities, resolveEntity } from '../entities/plan-mention-links.js';
import { CapabilityMissingError } from '../errors/capability-missing-error.js';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';

const nameSchema = z
  .string()
  .max(80)
  .refine((name) => entityKey(name).length > 0, 'name must contain a letter or digit');

export const mergeEntityOptionsSchema = z.object({
  namespace: namespaceSchema,
  /** The old name (a rename) or the duplicate (a merge). */
  from: nameSchema,
  /** The name it goes by from now on; an existing entity when merging. */
  into: nameSchema,
});

/** What `mergeEntity` accepts. */
export type MergeEntityOptions = z.input<typeof mergeEntityOptionsSchema>;

/** Where an entity's mentions now point. */
export interface MergeEntityResult {
  /** Key of the entity `from` resolves to now. */
  key: string;
  /** Memories that mentioned `from` before (their links move at the next consolidation). */
  mentions: number;
}

/**
 * Renames an entity or merges a duplicate into another ("Mel" into "Melanie"): records that `from`
 * now stands for `into`. New memories that mention `from` link to `into` at once; existing links
 * are repaired by the next `consolidate`, and recall follows the merge meanwhile for names in the query.
 */
export async function mergeEntity(context: MemoryContext, options: MergeEntityOptions): Promise<MergeEntityResult> {
  const parsed = parseInput(mergeEntityOptionsSchema, options, 'mergeEntity options');
  const graph = context.store.graph;
  if (!graph)
    throw new CapabilityMissingError(
      'mergeEntity needs a store with the graph capability (entities and links); the configured store has none.',
    );
  const from = entityKey(parsed.from);
  const into = entityKey(parsed.into);
  const known = await knownEntities(graph, parsed.namespace, [from, into]);
  // Merging into something that was itself merged goes to where that leads; never into a cycle.
  const target = resolveEntity(known, into);
  if (target === from) return { key: from, mentions: known.get(from)?.mentionCount ?? 0 };
  await graph.write(parsed.namespace, {
    entities: [
      { key: target, name: known.get(target)?.name ?? parsed.into.trim() },
      { key: from, name: known.get(from)?.name ?? parsed.from.trim(), mergedInto: target },
    ],
  });
  return { key: target, mentions: known.get(from)?.mentionCount ?? 0 };
}

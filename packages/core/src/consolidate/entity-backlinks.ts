import { z } from 'zod';
import { entityKey } from '../entities/extract-entities.js';
import { resolveEntity } from '../entities/plan-mention-links.js';
import { CapabilityMissingError } from '../errors/capability-missing-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';

export const entityBacklinksOptionsSchema = z.object({
  namespace: namespaceSchema,
  name: z
    .string()
    .max(80)
    .refine((name) => entityKey(name).length > 0, 'name must contain a letter or digit'),
  /** Archived memories (consolidated away) are left out unless this is true. */
  includeArchived: z.boolean().default(false),
});

/** What `entityBacklinks` accepts. */
export type EntityBacklinksOptions = z.input<typeof entityBacklinksOptionsSchema>;

/** An entity and the memories that mention it. */
export interface EntityBacklinks {
  /** The entity's key after following renames and merges; null when the namespace does not know the name. */
  key: string | null;
  /** The name as first written. */
  name: string | null;
  /** Other names that were merged into it. */
  aliases: string[];
  /** The memories that mention it (or one of its aliases), oldest first. */
  memories: MemoryRecord[];
}

/** The memories that mention an entity: its backlinks, aliases included. */
export async function entityBacklinks(
  context: MemoryContext,
  options: EntityBacklinksOptions,
): Promise<EntityBacklinks> {
  const parsed = parseInput(entityBacklinksOptionsSchema, options, 'entityBacklinks options');
  const graph = context.store.graph;
  if (!graph)
    throw new CapabilityMissingError(
      'entityBacklinks needs a store with the graph capability (entities and links); the configured store has none.',
    );
  const entities = new Map((await graph.entities(parsed.namespace)).map((entity) => [entity.key, entity]));
  const key = resolveEntity(entities, entityKey(parsed.name));
  const entity = entities.get(key);
  if (!entity) return { key: null, name: null, aliases: [], memories: [] };
  const keys = [...entities.keys()].filter((other) => resolveEntity(entities, other) === key);
  const links = await graph.links(parsed.namespace, { ids: keys, direction: 'in', type: 'mentions' });
  const records = await context.store.get([...new Set(links.map((link) => link.from))]);
  const memories = records
    .filter((record) => record.namespace === parsed.namespace && (parsed.includeArchived || record.archivedAt === null))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  return {
    key,
    name: entity.name,
    aliases: keys.filter((other) => other !== key).map((other) => entities.get(other)!.name),
    memories,
  };
}

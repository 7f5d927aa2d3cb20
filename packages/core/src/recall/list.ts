import { z } from 'zod';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryPage } from '../store/memory-store.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { recallOptionsSchema } from './recall.js';

/** What `list` uses when an option is left out. */
export const LIST_DEFAULTS = Object.freeze({
  /** @default 100 */
  limit: 100,
});

export const listOptionsSchema = z.object({
  namespace: namespaceSchema,
  /** The `next` cursor of the previous page; absent or null for the first page. */
  after: z.string().max(256).nullable().optional(),
  limit: z.number().int().min(1).max(1000).default(LIST_DEFAULTS.limit),
  filter: recallOptionsSchema.shape.filter,
});

/** What `list` accepts. */
export type MemoryListOptions = z.input<typeof listOptionsSchema>;

/** Pages through a namespace in creation order (oldest first), without reinforcing anything. */
export async function list(context: MemoryContext, options: MemoryListOptions): Promise<MemoryPage> {
  const parsed = parseInput(listOptionsSchema, options, 'list options');
  return context.store.list({
    namespace: parsed.namespace,
    after: parsed.after ?? null,
    limit: parsed.limit,
    filter: parsed.filter && {
      kinds: parsed.filter.kind,
      metadata: parsed.filter.metadata,
      includeArchived: parsed.filter.includeArchived,
    },
  });
}

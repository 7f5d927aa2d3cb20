import { z } from 'zod';
import { memoryKindSchema } from '../records/memory-kind.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from './parse-input.js';

export const LIST_RECENT_DEFAULTS = Object.freeze({
  /** @default 20 */
  limit: 20,
  /** Records read from the store per page while scanning. @default 1000 */
  pageSize: 1000,
});

export const listRecentOptionsSchema = z.object({
  namespace: namespaceSchema,
  limit: z.number().int().min(1).max(1000).default(LIST_RECENT_DEFAULTS.limit),
  kinds: z.array(memoryKindSchema).optional(),
  includeArchived: z.boolean().optional(),
});

/** What `listRecent` accepts. */
export type ListRecentOptions = z.input<typeof listRecentOptionsSchema>;

/**
 * The newest memories of a namespace by creation time, newest first, without touching their
 * signals. The store contract pages oldest first only, so this scans the namespace once, keeping
 * the last `limit`: linear in the namespace's size (about 10k records per few tens of ms on SQLite).
 */
export async function listRecent(context: MemoryContext, options: ListRecentOptions): Promise<MemoryRecord[]> {
  const parsed = parseInput(listRecentOptionsSchema, options, 'listRecent options');
  const filter = { kinds: parsed.kinds, includeArchived: parsed.includeArchived };
  let newest: MemoryRecord[] = [];
  let after: string | null = null;
  do {
    const page = await context.store.list({ namespace: parsed.namespace, after, limit: LIST_RECENT_DEFAULTS.pageSize, filter });
    newest = newest.concat(page.records).slice(-parsed.limit);
    after = page.next;
  } while (after !== null);
  return newest.reverse();
}

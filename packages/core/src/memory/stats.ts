import { z } from 'zod';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from './parse-input.js';

export const statsOptionsSchema = z.object({ namespace: namespaceSchema });

/** What `stats` accepts. */
export type StatsOptions = z.input<typeof statsOptionsSchema>;

/** Counts for one namespace. */
export interface MemoryStats {
  namespace: string;
  /** Memories in the namespace, archived ones included. */
  count: number;
  embedder: { id: string; dimensions: number };
}

/** Counts the memories of a namespace. */
export async function stats(context: MemoryContext, options: StatsOptions): Promise<MemoryStats> {
  const { namespace } = parseInput(statsOptionsSchema, options, 'stats options');
  return {
    namespace,
    count: await context.store.count(namespace),
    embedder: { id: context.embedder.id, dimensions: context.embedder.dimensions },
  };
}

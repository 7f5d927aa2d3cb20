import { z } from 'zod';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from '../errors/parse-input.js';

export const warmOptionsSchema = z.object({ namespace: namespaceSchema });

/** What `warm` accepts. */
export type WarmOptions = z.input<typeof warmOptionsSchema>;

/**
 * Loads a namespace's search index before its first recall needs it. The embedded store reads it
 * in slices with the event loop free in between; a recall that comes first finishes the load.
 * Stores without an in-process index have nothing to load.
 */
export async function warm(context: MemoryContext, options: WarmOptions): Promise<void> {
  const { namespace } = parseInput(warmOptionsSchema, options, 'warm options');
  await context.store.warm?.(namespace);
}

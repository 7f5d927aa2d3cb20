import { z } from 'zod';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from './parse-input.js';

export const forgetOptionsSchema = z.object({
  namespace: namespaceSchema,
  ids: z.array(z.string().min(1).max(128)).max(10_000),
});

/** What `forget` accepts: ids outside the namespace are left alone. */
export type ForgetOptions = z.input<typeof forgetOptionsSchema>;

/** What `forget` did. */
export interface ForgetResult {
  /** Ids that existed in the namespace and are now gone. */
  forgotten: string[];
}

/** Deletes memories of one namespace for good (text, vector and index entries). */
export async function forget(context: MemoryContext, options: ForgetOptions): Promise<ForgetResult> {
  const parsed = parseInput(forgetOptionsSchema, options, 'forget options');
  return { forgotten: await context.store.delete(parsed.namespace, parsed.ids) };
}

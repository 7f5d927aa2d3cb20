import { z } from 'zod';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { updateSignals } from '../store/update-signals.js';

export const reinforceOptionsSchema = z.object({
  namespace: namespaceSchema,
  ids: z.array(z.string().min(1).max(128)).max(10_000),
  now: z.date().optional(),
});

/** What `reinforce` accepts: ids outside the namespace are left alone. */
export type ReinforceOptions = z.input<typeof reinforceOptionsSchema>;

/** What `reinforce` did. */
export interface ReinforceResult {
  /** Ids that exist in the namespace and were reinforced. */
  reinforced: string[];
  /**
   * Ids the store could not reinforce now and queued durably (Qdrant unreachable): not reinforced
   * yet and not checked to exist. Always empty on stores that never queue.
   */
  queued: string[];
}

/**
 * Marks memories as recalled (last access = now, access count + 1) in one durable write: what recall
 * and buildContext do to what they show, for callers that show memories first and write later
 * (the conversation loop reinforces off the response path).
 */
export async function reinforce(context: MemoryContext, options: ReinforceOptions): Promise<ReinforceResult> {
  const parsed = parseInput(reinforceOptionsSchema, options, 'reinforce options');
  const recalledAt = parsed.now ?? context.clock();
  const ids = [...new Set(parsed.ids)];
  const report = await updateSignals(
    context.store,
    parsed.namespace,
    ids.map((id) => ({ id, recalledAt })),
  );
  return { reinforced: report.applied, queued: report.queued };
}

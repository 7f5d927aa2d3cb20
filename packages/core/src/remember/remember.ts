import { z } from 'zod';
import { estimateArousal } from '../affect/estimate-arousal.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { newRecord } from '../records/new-record.js';
import { rememberInputSchema, type RememberInput } from '../records/remember-input.js';
import type { StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from '../embed/embed-texts.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { writeMemories } from './write-memories.js';

/** Most memories accepted by one `rememberMany` call. */
export const MAX_BATCH_SIZE = 10_000;

/** What happened to one remembered input. */
export interface RememberResult {
  /** The stored memory (for a merge, the existing memory it was merged into). */
  memory: MemoryRecord;
  /** `created`: a new memory; `merged`: a duplicate of an existing memory, which was reinforced instead. */
  outcome: 'created' | 'merged';
  /**
   * Id of an earlier memory this one revises (the same statement with its negation flipped, within
   * the dedup window): both are kept, linked `supersedes`, and recall prefers this one.
   * Only on a store with the graph capability (where the link is kept); elsewhere both are simply kept.
   */
  supersedes?: string;
  /** Id of a later memory that revises this one (when this one was remembered with an earlier date). */
  supersededBy?: string;
  /**
   * Present (true) when the store could not be reached and queued the memory durably (Qdrant's
   * outbox): not searchable until the store is back (unless a try whose answer was lost landed); when the duplicate search could not reach the
   * store either, it was compared with nothing (no merge, no revision link; queued memories are never
   * compared). Written once, before later queued updates, when the store is back. Absent on stores
   * that never queue.
   */
  queued?: true;
}

const batchSchema = z
  .array(rememberInputSchema)
  .min(1, 'give at least one memory')
  .max(MAX_BATCH_SIZE, `at most ${MAX_BATCH_SIZE} memories per call`);

/**
 * Stores one memory; see {@link rememberMany}. A memory given no `arousal` gets `estimateArousal(text)`
 * (model-free, English and Japanese), so emotional moments rank a little higher from the start.
 */
export async function remember(context: MemoryContext, input: RememberInput): Promise<RememberResult> {
  const [result] = await storeAll(context, [parseInput(rememberInputSchema, input, 'remember input')]);
  return result!;
}

/** Stores many memories in one transaction: all of them or, on any error, none. */
export async function rememberMany(
  context: MemoryContext,
  inputs: readonly RememberInput[],
): Promise<RememberResult[]> {
  return storeAll(context, parseInput(batchSchema, inputs, 'rememberMany inputs'));
}

async function storeAll(
  context: MemoryContext,
  inputs: z.output<typeof rememberInputSchema>[],
): Promise<RememberResult[]> {
  const stored = await prepareMemories(context, inputs);
  // Duplicates merge into what they repeat; the rest are inserted with their entity links.
  return writeMemories(context, stored, (index) => inputs[index]!.dedupe !== false);
}

/** Validated inputs as the store takes them: records (ids from `ids`, else generated), vectors and search terms; writes nothing. */
export async function prepareMemories(
  context: MemoryContext,
  inputs: readonly z.output<typeof rememberInputSchema>[],
  ids?: readonly string[],
): Promise<StoredMemory[]> {
  const now = context.clock();
  // Embedding may call a remote model: it happens before, never inside, the write transaction.
  const vectors = await embedTexts(
    context.embedder,
    inputs.map((input) => input.text),
  );
  return inputs.map((input, index): StoredMemory => {
    const { dedupe: _dedupe, ...fields } = input;
    const record = newRecord({
      ...fields,
      id: ids?.[index] ?? context.generateId(),
      createdAt: input.createdAt ?? now,
      // No arousal given: estimate it from the text, so emotional memories stand out from the start.
      arousal: input.arousal ?? estimateArousal(input.text).arousal,
    });
    return { record, vector: vectors[index]!, terms: tokenizeForSearch(input.text) };
  });
}

import { z } from 'zod';
import { estimateArousal } from '../affect/estimate-arousal.js';
import { NO_EMOTION } from '../records/emotion-scores.js';
import { RECORD_DEFAULTS, type MemoryRecord } from '../records/memory-record.js';
import { rememberInputSchema, type RememberInput } from '../records/remember-input.js';
import type { StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from './embed-texts.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from './parse-input.js';

/** Most memories accepted by one `rememberMany` call. */
export const MAX_BATCH_SIZE = 10_000;

/** What happened to one remembered input. */
export interface RememberResult {
  /** The stored memory (for a merge, the existing memory it was merged into). */
  memory: MemoryRecord;
  /** `created`: a new memory; `merged`: a duplicate of an existing memory, which was reinforced instead. */
  outcome: 'created' | 'merged';
}

const batchSchema = z.array(rememberInputSchema).min(1, 'give at least one memory').max(MAX_BATCH_SIZE, `at most ${MAX_BATCH_SIZE} memories per call`);

/**
 * Stores one memory; see {@link rememberMany}. A memory given no `arousal` gets `estimateArousal(text)`
 * (model-free, English and Japanese), so emotional moments rank a little higher from the start.
 */
export async function remember(context: MemoryContext, input: RememberInput): Promise<RememberResult> {
  const [result] = await storeAll(context, [parseInput(rememberInputSchema, input, 'remember input')]);
  return result!;
}

/** Stores many memories in one transaction: all of them or, on any error, none. */
export async function rememberMany(context: MemoryContext, inputs: readonly RememberInput[]): Promise<RememberResult[]> {
  return storeAll(context, parseInput(batchSchema, inputs, 'rememberMany inputs'));
}

async function storeAll(context: MemoryContext, inputs: z.output<typeof rememberInputSchema>[]): Promise<RememberResult[]> {
  const now = context.clock();
  // Embedding may call a remote model: it happens before, never inside, the write transaction.
  const vectors = await embedTexts(
    context.embedder,
    inputs.map((input) => input.text),
  );
  const stored = inputs.map((input, index): StoredMemory => {
    const createdAt = input.createdAt ?? now;
    const record: MemoryRecord = {
      id: context.generateId(),
      namespace: input.namespace,
      kind: input.kind ?? RECORD_DEFAULTS.kind,
      text: input.text,
      summary: input.summary ?? null,
      createdAt,
      lastAccessedAt: createdAt,
      accessCount: 0,
      arousal: input.arousal ?? estimateArousal(input.text).arousal,
      valence: input.valence ?? RECORD_DEFAULTS.valence,
      utility: input.utility ?? RECORD_DEFAULTS.utility,
      emotion: input.emotion ?? NO_EMOTION,
      crisis: input.crisis ?? RECORD_DEFAULTS.crisis,
      level: null,
      archivedAt: null,
      metadata: input.metadata ?? {},
    };
    return { record, vector: vectors[index]!, terms: tokenizeForSearch(input.text) };
  });
  await context.store.insert(stored);
  return stored.map(({ record }) => ({ memory: record, outcome: 'created' }));
}

import { createHashedEmbedder, embedHashed } from '../../embed/hashed-embedder.js';
import type { MemoryMetadata } from '../../records/json-value.js';
import type { MemoryKind } from '../../records/memory-kind.js';
import { newRecord } from '../../records/new-record.js';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import type { StoredMemory, StoreOpenContext } from '../memory-store.js';

/** The deterministic embedder every conformance test opens its store with. */
export const CONFORMANCE_EMBEDDER = createHashedEmbedder({ dimensions: 128 });

export const CONFORMANCE_CONTEXT: StoreOpenContext = Object.freeze({
  embedderId: CONFORMANCE_EMBEDDER.id,
  dimensions: CONFORMANCE_EMBEDDER.dimensions,
});

/** The fixed clock of the suite: every record time is this plus whole minutes. */
export const CONFORMANCE_EPOCH = Date.UTC(2024, 0, 1, 9, 0, 0);

/** What a conformance test says about a memory; everything else takes the record defaults. */
export interface ConformanceMemoryInput {
  id: string;
  namespace: string;
  text: string;
  kind?: MemoryKind;
  /** Minutes after {@link CONFORMANCE_EPOCH}. */
  minute?: number;
  metadata?: MemoryMetadata;
  archived?: boolean;
  arousal?: number;
  utility?: number;
  valence?: number;
  summary?: string;
  level?: number;
}

/** A stored memory with a real hashed embedding and real search terms. */
export function conformanceMemory(input: ConformanceMemoryInput): StoredMemory {
  const createdAt = new Date(CONFORMANCE_EPOCH + (input.minute ?? 0) * 60_000);
  const record = newRecord({
    ...input,
    createdAt,
    archivedAt: input.archived ? new Date(createdAt.getTime() + 3_600_000) : null,
  });
  return {
    record,
    vector: embedHashed(input.text, CONFORMANCE_CONTEXT.dimensions),
    terms: tokenizeForSearch(input.text),
  };
}

/** The query side of a coarse search, embedded like the corpus. */
export function conformanceQuery(text: string): { terms: string[]; vector: Float32Array } {
  return { terms: tokenizeForSearch(text), vector: embedHashed(text, CONFORMANCE_CONTEXT.dimensions) };
}

/** A small fixed corpus whose hybrid ranking is known (see the hybrid recall tests). */
export const HYBRID_CORPUS = Object.freeze([
  { id: 'cello', text: 'My sister Alice plays the cello in the city orchestra' },
  { id: 'cat', text: 'Alice adopted a grey cat named Miso' },
  { id: 'tour', text: 'The orchestra tour was cancelled because of snow' },
  { id: 'groceries', text: 'We bought groceries: rice, eggs and green tea' },
  { id: 'counselling', text: 'Weekly counselling sessions help with the anxiety' },
  { id: 'bicycles', text: 'Bob repairs bicycles on weekends' },
]);

import type { MemoryRecord } from '../records/memory-record.js';
import { findCandidates } from '../recall/find-candidates.js';
import type { MemoryStore, StoredMemory } from '../store/memory-store.js';
import { revisesStatement } from '../text/revises-statement.js';
import { sameMeaning } from '../text/same-meaning.js';
import { normalizeForSearch, tokenizeForSearch } from '../text/tokenize-for-search.js';

const HOUR_MS = 3_600_000;

/** When a new memory counts as a duplicate of one already stored (or of an earlier one in its batch). */
export const DEDUP_DEFAULTS = Object.freeze({
  /** Vector similarity (cosine for unit vectors) at or above which two memories are the same. @default 0.95 */
  similarity: 0.95,
  /** Only memories created this close in time to the new one (either side) are compared. @default 24 */
  windowHours: 24,
  /** Stored memories compared by vector per new memory: the nearest in time within the window. @default 32 */
  maxCompared: 32,
  /** Earlier memories of the same batch compared by vector per new memory (the latest ones). @default 32 */
  maxComparedInBatch: 32,
  /** Most stored memories read per namespace and batch to look for duplicates in (the newest in the window). @default 2048 */
  maxWindowRead: 2048,
  /**
   * Share of the shorter memory's search terms the other must hold before the word test looks for a
   * revision (`revisesStatement`): a cheap gate, since hashed vectors do not see negation. @default 0.5
   */
  revisionOverlap: 0.5,
});

/** What one new memory duplicates: a stored memory, an earlier memory of its batch, or nothing (null). */
export type Duplicate =
  | { readonly of: 'stored'; readonly record: MemoryRecord }
  | { readonly of: 'batch'; readonly index: number }
  | null;

/** What the write path learns about a batch: what each new memory repeats, and what it revises (same shapes; null for nothing). */
export interface DedupFindings {
  readonly duplicates: Duplicate[];
  /** An earlier memory (stored or of the batch) that the new one restates with its negation flipped; always null on a store without the graph (nothing could keep the link). */
  readonly revises: Duplicate[];
}

/** A stored memory the new ones are compared with; `vector` is absent when the store only reported similarities. */
interface Neighbour {
  readonly record: MemoryRecord;
  readonly key: string;
  readonly vector?: Float32Array;
  readonly terms?: readonly string[];
}

/**
 * The duplicate test of the write path: same namespace and kind, created within the window of each
 * other, and either the same text once normalised (case, width, spacing, punctuation) or vectors at
 * least `similarity` alike with the same words in the same order but for light ones (`sameMeaning`). Stores with the graph capability are read once per namespace and batch
 * (the memories in the window); others are searched once per new memory.
 */
export async function findDuplicates(store: MemoryStore, memories: readonly StoredMemory[]): Promise<DedupFindings> {
  const windowMs = DEDUP_DEFAULTS.windowHours * HOUR_MS;
  const keys = memories.map((memory) => duplicateKey(memory.record.text));
  const duplicates: Duplicate[] = new Array<Duplicate>(memories.length).fill(null);
  const revises: Duplicate[] = new Array<Duplicate>(memories.length).fill(null);
  const close = (a: MemoryRecord, b: MemoryRecord) =>
    a.kind === b.kind && Math.abs(a.createdAt.getTime() - b.createdAt.getTime()) <= windowMs;
  for (const namespace of new Set(memories.map((memory) => memory.record.namespace))) {
    const indexes = memories.flatMap((memory, index) => (memory.record.namespace === namespace ? [index] : []));
    const { neighbours, reported } = await readNeighbours(store, namespace, indexes, memories, windowMs);
    const neighboursByKey = groupBy(neighbours, (neighbour) => neighbour.key);
    const batchByKey = new Map<string, number[]>();
    for (const [position, index] of indexes.entries()) {
      const { record, vector } = memories[index]!;
      const similarity = (neighbour: Neighbour) =>
        neighbour.vector
          ? dot(vector, neighbour.vector)
          : (reported.get(`${index}:${neighbour.record.id}`) ?? -Infinity);
      const exactStored = neighboursByKey.get(keys[index]!)?.find((neighbour) => close(neighbour.record, record));
      const exactBatch = batchByKey.get(keys[index]!)?.find((other) => close(memories[other]!.record, record));
      let duplicate: Duplicate = null;
      // Who is near in time: compared for a merge below, then, when nothing merges, for a revision.
      let nearbyStored: Neighbour[] = [];
      let earlierInBatch: number[] = [];
      if (exactStored) duplicate = { of: 'stored', record: exactStored.record };
      else if (exactBatch !== undefined) duplicate = { of: 'batch', index: exactBatch };
      else {
        // Alike vectors are only a hint: a merge also needs the same words, so no negation, number,
        // date, name or word order that differs is ever folded away. The word test (an LCS) runs only
        // on pairs whose vectors already pass, never on every memory in the window.
        nearbyStored = nearestInTime(neighbours, record, windowMs, close);
        earlierInBatch = latestEarlier(indexes, position, (other) => close(memories[other]!.record, record));
        const nearStored = best(nearbyStored, similarity, (neighbour) =>
          sameMeaning(neighbour.record.text, record.text),
        );
        const nearBatch = best(
          earlierInBatch,
          (other) => dot(vector, memories[other]!.vector),
          (other) => sameMeaning(memories[other]!.record.text, record.text),
        );
        if (nearStored && (!nearBatch || nearStored.similarity >= nearBatch.similarity))
          duplicate = { of: 'stored', record: nearStored.item.record };
        else if (nearBatch) duplicate = { of: 'batch', index: nearBatch.item };
      }
      // A duplicate of a batch memory that is itself a duplicate points at what that one merged into.
      if (duplicate?.of === 'batch' && duplicates[duplicate.index] !== null) duplicate = duplicates[duplicate.index]!;
      duplicates[index] = duplicate;
      if (duplicate === null) {
        // Only a store that keeps links can record a revision (recall prefers the newer through it).
        if (store.graph)
          revises[index] = findRevised(
            memories[index]!,
            nearbyStored,
            earlierInBatch.filter((other) => duplicates[other] === null),
            memories,
          );
        const same = batchByKey.get(keys[index]!);
        if (same) same.push(index);
        else batchByKey.set(keys[index]!, [index]);
      }
    }
  }
  return { duplicates, revises };
}

/**
 * The earlier memory, nearest in time, that the new one revises (see `revisesStatement`), stored or
 * of the batch; null when none. The word test runs only on pairs that share enough search terms.
 */
function findRevised(
  memory: StoredMemory,
  stored: readonly Neighbour[],
  batch: readonly number[],
  memories: readonly StoredMemory[],
): Duplicate {
  const terms = new Set(memory.terms);
  const overlaps = (other: readonly string[] | undefined) => {
    if (other === undefined || terms.size === 0) return true;
    const otherSet = new Set(other);
    let shared = 0;
    for (const term of otherSet) if (terms.has(term)) shared++;
    return shared / Math.max(1, Math.min(terms.size, otherSet.size)) >= DEDUP_DEFAULTS.revisionOverlap;
  };
  const revises = (text: string) => revisesStatement(text, memory.record.text);
  const storedMatch = stored.find((neighbour) => overlaps(neighbour.terms) && revises(neighbour.record.text));
  if (storedMatch) return { of: 'stored', record: storedMatch.record };
  const batchMatch = batch.find((other) => overlaps(memories[other]!.terms) && revises(memories[other]!.record.text));
  return batchMatch === undefined ? null : { of: 'batch', index: batchMatch };
}

/** The text as the exact-duplicate test sees it: NFKC, lowercase, punctuation and spacing folded. */
export function duplicateKey(text: string): string {
  return normalizeForSearch(text)
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

/** The stored memories in the batch's windows, oldest first, and (without the graph) the similarities the store reported. */
async function readNeighbours(
  store: MemoryStore,
  namespace: string,
  indexes: readonly number[],
  memories: readonly StoredMemory[],
  windowMs: number,
): Promise<{ neighbours: Neighbour[]; reported: Map<string, number> }> {
  const reported = new Map<string, number>();
  if (store.graph) {
    const times = indexes.map((index) => memories[index]!.record.createdAt.getTime());
    const found = await store.graph.createdBetween(namespace, {
      from: new Date(Math.min(...times) - windowMs),
      to: new Date(Math.max(...times) + windowMs),
      limit: DEDUP_DEFAULTS.maxWindowRead,
    });
    return {
      neighbours: found
        .reverse()
        .map(({ record, vector, terms }) => ({ record, vector, terms, key: duplicateKey(record.text) })),
      reported,
    };
  }
  const byId = new Map<string, Neighbour>();
  for (const index of indexes) {
    const { record, vector } = memories[index]!;
    for (const candidate of await findCandidates(store, {
      namespace,
      terms: tokenizeForSearch(record.text),
      vector,
      limit: 5,
    })) {
      byId.set(candidate.record.id, { record: candidate.record, key: duplicateKey(candidate.record.text) });
      if (candidate.vectorSimilarity !== undefined)
        reported.set(`${index}:${candidate.record.id}`, candidate.vectorSimilarity);
    }
  }
  return {
    neighbours: [...byId.values()].sort((a, b) => a.record.createdAt.getTime() - b.record.createdAt.getTime()),
    reported,
  };
}

/** Up to `maxCompared` neighbours the test accepts, nearest in time first. `sorted` is oldest first. */
function nearestInTime(
  sorted: readonly Neighbour[],
  record: MemoryRecord,
  windowMs: number,
  close: (a: MemoryRecord, b: MemoryRecord) => boolean,
): Neighbour[] {
  const time = record.createdAt.getTime();
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.record.createdAt.getTime() < time) low = middle + 1;
    else high = middle;
  }
  const nearest: Neighbour[] = [];
  const distance = (index: number) => Math.abs(sorted[index]!.record.createdAt.getTime() - time);
  let before = low - 1;
  let after = low;
  while ((before >= 0 || after < sorted.length) && nearest.length < DEDUP_DEFAULTS.maxCompared) {
    const index = after >= sorted.length || (before >= 0 && distance(before) <= distance(after)) ? before-- : after++;
    if (distance(index) > windowMs) break;
    if (close(sorted[index]!.record, record)) nearest.push(sorted[index]!);
  }
  return nearest;
}

/** The latest earlier batch positions the test accepts (at most `maxComparedInBatch`, looking back a bounded way). */
function latestEarlier(indexes: readonly number[], position: number, accept: (index: number) => boolean): number[] {
  const found: number[] = [];
  for (
    let back = position - 1;
    back >= 0 &&
    back >= position - 8 * DEDUP_DEFAULTS.maxComparedInBatch &&
    found.length < DEDUP_DEFAULTS.maxComparedInBatch;
    back--
  ) {
    if (accept(indexes[back]!)) found.push(indexes[back]!);
  }
  return found;
}

/** The most similar item at or above the threshold that `sameWords` also accepts (checked last: it is the costly test). */
function best<T>(
  items: readonly T[],
  similarityOf: (item: T) => number,
  sameWords: (item: T) => boolean,
): { item: T; similarity: number } | null {
  let found: { item: T; similarity: number } | null = null;
  for (const item of items) {
    const similarity = similarityOf(item);
    if (similarity >= DEDUP_DEFAULTS.similarity && (found === null || similarity > found.similarity) && sameWords(item))
      found = { item, similarity };
  }
  return found;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) sum += a[i]! * b[i]!;
  return sum;
}

import { TopK, type ScoredSlot } from './top-k.js';

/** BM25 parameters (Robertson & Zaragoza); the usual defaults suit short conversational turns. */
export const BM25_DEFAULTS = Object.freeze({
  /** Term-frequency saturation. @default 1.2 */
  k1: 1.2,
  /** Length normalisation. @default 0.75 */
  b: 0.75,
});

/** BM25 tuning knobs. */
export interface Bm25Parameters {
  k1: number;
  b: number;
}

interface Posting {
  slots: number[];
  frequencies: number[];
  /** Live documents holding the term (the lists may still hold removed ones until compaction). */
  documentFrequency: number;
}

/**
 * An in-memory inverted index scored with Okapi BM25. Statistics (document count, average length,
 * document frequencies) are per index, and there is one index per namespace, so one namespace's
 * text never shifts another's ranking. Slots are never reused: re-indexing takes a new slot.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  private readonly lengths: number[] = [];
  private readonly termsBySlot: (string | undefined)[] = [];
  private documentCount = 0;
  private totalLength = 0;
  /** Removed entries still sitting in posting lists; compacted away when they pile up. */
  private staleEntries = 0;
  private liveEntries = 0;
  /** Score accumulator reused across searches (all zero between searches). */
  private scratch = new Float64Array(0);

  /**
   * Indexes a document given as its terms joined by single spaces, the form the store keeps them
   * in: one string a document (not an array of strings) is what a first load of a large namespace
   * can afford to keep for {@link remove}.
   */
  add(slot: number, terms: string): void {
    let distinct = 0;
    let length = 0;
    // The terms of `splitTerms(terms)`, without building the array.
    for (let start = 0; terms.length > 0 && start <= terms.length; ) {
      let end = terms.indexOf(' ', start);
      if (end < 0) end = terms.length;
      const term = terms.slice(start, end);
      start = end + 1;
      length++;
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = { slots: [], frequencies: [], documentFrequency: 0 }));
      const last = posting.slots.length - 1;
      // A repeat of a term in this document: its posting already ends with this slot.
      if (last >= 0 && posting.slots[last] === slot) {
        posting.frequencies[last]!++;
        continue;
      }
      posting.slots.push(slot);
      posting.frequencies.push(1);
      posting.documentFrequency++;
      distinct++;
    }
    this.liveEntries += distinct;
    this.termsBySlot[slot] = terms;
    this.lengths[slot] = length;
    this.documentCount++;
    this.totalLength += length;
  }

  /** The terms indexed at a slot (joined by spaces, as given to {@link add}), if it is live. */
  termsAt(slot: number): string | undefined {
    return this.termsBySlot[slot];
  }

  remove(slot: number): void {
    const joined = this.termsBySlot[slot];
    if (joined === undefined) return;
    this.termsBySlot[slot] = undefined;
    const terms = splitTerms(joined);
    this.documentCount--;
    this.totalLength -= terms.length;
    const distinct = new Set(terms);
    for (const term of distinct) this.postings.get(term)!.documentFrequency--;
    this.staleEntries += distinct.size;
    this.liveEntries -= distinct.size;
    if (this.staleEntries > 1024 && this.staleEntries > this.liveEntries) this.compact();
  }

  search(queryTerms: readonly string[], k: number, accept: (slot: number) => boolean, params: Bm25Parameters = BM25_DEFAULTS): ScoredSlot[] {
    const { scores, touched } = this.score(queryTerms, params);
    const top = topSlots(scores, touched, k, accept);
    this.release(scores, touched);
    return top;
  }

  /** The BM25 score of every live slot that shares a term with the query (`touched`); other slots score 0. Release the buffer after use. */
  score(queryTerms: readonly string[], params: Bm25Parameters = BM25_DEFAULTS): { scores: Float64Array; touched: number[] } {
    const queryFrequencies = new Map<string, number>();
    for (const term of queryTerms) queryFrequencies.set(term, (queryFrequencies.get(term) ?? 0) + 1);
    return this.scoreWeighted(queryFrequencies, params);
  }

  /**
   * Like {@link score}, with a weight per query term (its count, or less for an expansion term).
   * The scores live in a buffer the index reuses: hand it back with {@link release} when done.
   */
  scoreWeighted(queryWeights: ReadonlyMap<string, number>, params: Bm25Parameters = BM25_DEFAULTS): { scores: Float64Array; touched: number[] } {
    if (this.scratch.length < this.termsBySlot.length) this.scratch = new Float64Array(Math.max(this.termsBySlot.length, 2 * this.scratch.length));
    const scores = this.scratch;
    const touched: number[] = [];
    if (this.documentCount === 0 || queryWeights.size === 0) return { scores, touched };
    const averageLength = this.totalLength / this.documentCount || 1;
    for (const [term, queryFrequency] of queryWeights) {
      const posting = this.postings.get(term);
      const documentFrequency = posting?.documentFrequency ?? 0;
      if (!posting || documentFrequency === 0) continue;
      const idf = Math.log(1 + (this.documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
      const lengthScale = (params.k1 * params.b) / averageLength;
      const lengthBase = params.k1 * (1 - params.b);
      for (let i = 0; i < posting.slots.length; i++) {
        const slot = posting.slots[i]!;
        if (this.termsBySlot[slot] === undefined) continue;
        const frequency = posting.frequencies[i]!;
        const contribution = (queryFrequency * idf * frequency * (params.k1 + 1)) / (frequency + lengthBase + lengthScale * this.lengths[slot]!);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += contribution;
      }
    }
    return { scores, touched };
  }

  /** Zeroes the given slots of a buffer from {@link score} so the next search starts clean. */
  release(scores: Float64Array, slots: readonly number[]): void {
    if (scores !== this.scratch) return;
    for (const slot of slots) scores[slot] = 0;
  }

  private compact(): void {
    for (const [term, posting] of this.postings) {
      const slots: number[] = [];
      const frequencies: number[] = [];
      for (let i = 0; i < posting.slots.length; i++) {
        if (this.termsBySlot[posting.slots[i]!] === undefined) continue;
        slots.push(posting.slots[i]!);
        frequencies.push(posting.frequencies[i]!);
      }
      if (slots.length === 0) this.postings.delete(term);
      else this.postings.set(term, { slots, frequencies, documentFrequency: posting.documentFrequency });
    }
    this.staleEntries = 0;
  }
}

/** Terms joined by single spaces back into terms. */
function splitTerms(joined: string): string[] {
  return joined.length === 0 ? [] : joined.split(' ');
}

/** The k best of the touched slots that `accept` allows, best first. */
export function topSlots(scores: Float64Array, touched: readonly number[], k: number, accept: (slot: number) => boolean): ScoredSlot[] {
  const top = new TopK(k);
  for (const slot of touched) {
    const score = scores[slot]!;
    if (score > top.threshold && accept(slot)) top.offer(slot, score);
  }
  return top.result();
}

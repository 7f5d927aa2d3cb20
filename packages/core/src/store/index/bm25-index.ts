import { BM25_DEFAULTS, bm25Idf, bm25Scale, bm25TermScore } from '../bm25.js';
import type { Bm25Parameters } from '../memory-store.js';
import { TopK, type ScoredSlot } from './top-k.js';

interface Posting {
  slots: number[];
  frequencies: number[];
  /** Live documents holding the term (the lists may still hold removed ones until compaction). */
  documentFrequency: number;
}

/** A query whose scores the scratch buffer still holds: its weighted terms in order, its BM25 parameters, the slots it touched. */
interface HeldScores {
  readonly weights: readonly (readonly [string, number])[];
  readonly k1: number;
  readonly b: number;
  readonly touched: number[];
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
  /** Score accumulator reused across searches: zero except at the slots of {@link held}. */
  private scratch = new Float64Array(0);
  /**
   * The last query scored, kept in the scratch buffer until another query, a write or a release:
   * recall asks the same query several times in a row (the best matches, the best on the dates it
   * names, then the neighbours it spreads to), and each ask reads the scores instead of walking
   * the postings again.
   */
  private held: HeldScores | undefined;

  /**
   * Indexes a document given as its terms joined by single spaces, the form the store keeps them
   * in: one string a document (not an array of strings) is what a first load of a large namespace
   * can afford to keep for {@link remove}.
   */
  add(slot: number, terms: string): void {
    this.forgetHeld();
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
    this.forgetHeld();
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

  search(
    queryTerms: readonly string[],
    k: number,
    accept: (slot: number) => boolean,
    params: Bm25Parameters = BM25_DEFAULTS,
    precedes?: (a: number, b: number) => boolean,
  ): ScoredSlot[] {
    const { scores, touched } = this.score(queryTerms, params);
    const top = topSlots(scores, touched, k, accept, precedes);
    this.release(scores, touched);
    return top;
  }

  /** The BM25 score of every live slot that shares a term with the query (`touched`); other slots score 0. Release the buffer after use. */
  score(
    queryTerms: readonly string[],
    params: Bm25Parameters = BM25_DEFAULTS,
  ): { scores: Float64Array; touched: number[] } {
    const queryFrequencies = new Map<string, number>();
    for (const term of queryTerms) queryFrequencies.set(term, (queryFrequencies.get(term) ?? 0) + 1);
    return this.scoreWeighted(queryFrequencies, params);
  }

  /**
   * Like {@link score}, with a weight per query term (its count, or less for an expansion term).
   * The scores live in a buffer the index reuses, valid until the next call, write or
   * {@link release}; asked again for the same query (the same terms and weights in the same
   * order) before then, it returns them without scoring again. Neither is to be modified.
   */
  scoreWeighted(
    queryWeights: ReadonlyMap<string, number>,
    params: Bm25Parameters = BM25_DEFAULTS,
  ): { scores: Float64Array; touched: number[] } {
    if (this.holds(queryWeights, params)) return { scores: this.scratch, touched: this.held!.touched };
    this.forgetHeld();
    if (this.scratch.length < this.termsBySlot.length)
      this.scratch = new Float64Array(Math.max(this.termsBySlot.length, 2 * this.scratch.length));
    const scores = this.scratch;
    const touched: number[] = [];
    if (this.documentCount === 0 || queryWeights.size === 0) return { scores, touched };
    this.held = { weights: [...queryWeights], k1: params.k1, b: params.b, touched };
    const scale = bm25Scale({ documentCount: this.documentCount, totalLength: this.totalLength }, params);
    for (const [term, queryFrequency] of queryWeights) {
      const posting = this.postings.get(term);
      const documentFrequency = posting?.documentFrequency ?? 0;
      if (!posting || documentFrequency === 0) continue;
      const idf = bm25Idf(scale, documentFrequency);
      for (let i = 0; i < posting.slots.length; i++) {
        const slot = posting.slots[i]!;
        if (this.termsBySlot[slot] === undefined) continue;
        const contribution = bm25TermScore(scale, queryFrequency, idf, posting.frequencies[i]!, this.lengths[slot]!);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += contribution;
      }
    }
    return { scores, touched };
  }

  /**
   * The BM25 score of each of a few slots, read from their own terms: cheaper than walking the
   * postings when only a handful are asked for, and equal to {@link scoreWeighted} to the bit (the
   * same terms in the same order). 0 for a removed slot or one without query terms.
   */
  scoreSlots(
    queryWeights: ReadonlyMap<string, number>,
    slots: readonly number[],
    params: Bm25Parameters = BM25_DEFAULTS,
  ): number[] {
    const scale = bm25Scale({ documentCount: this.documentCount, totalLength: this.totalLength }, params);
    const idfs = new Map<string, number>();
    for (const term of queryWeights.keys()) {
      const documentFrequency = this.postings.get(term)?.documentFrequency ?? 0;
      if (documentFrequency > 0) idfs.set(term, bm25Idf(scale, documentFrequency));
    }
    return slots.map((slot) => {
      const joined = this.termsBySlot[slot];
      if (joined === undefined || idfs.size === 0) return 0;
      const frequencies = new Map<string, number>();
      for (const term of splitTerms(joined)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      let score = 0;
      for (const [term, weight] of queryWeights) {
        const idf = idfs.get(term);
        const frequency = frequencies.get(term);
        if (idf !== undefined && frequency !== undefined)
          score += bm25TermScore(scale, weight, idf, frequency, this.lengths[slot]!);
      }
      return score;
    });
  }

  /** True when the scratch buffer holds the scores of this query (see {@link scoreWeighted}). */
  holds(queryWeights: ReadonlyMap<string, number>, params: Bm25Parameters = BM25_DEFAULTS): boolean {
    const held = this.held;
    if (held === undefined || held.k1 !== params.k1 || held.b !== params.b) return false;
    if (held.weights.length !== queryWeights.size) return false;
    let i = 0;
    for (const [term, weight] of queryWeights) {
      const [heldTerm, heldWeight] = held.weights[i++]!;
      if (term !== heldTerm || weight !== heldWeight) return false;
    }
    return true;
  }

  /** Hands back a buffer from {@link score}: its slots are zeroed and the held scores forgotten. */
  release(scores: Float64Array, slots: readonly number[]): void {
    if (scores !== this.scratch) return;
    for (const slot of slots) scores[slot] = 0;
    this.forgetHeld();
  }

  /** Zeroes the scratch buffer where the held query touched it. */
  private forgetHeld(): void {
    if (this.held === undefined) return;
    for (const slot of this.held.touched) this.scratch[slot] = 0;
    this.held = undefined;
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

/** The k best of the touched slots that `accept` allows, best first; equal scores ordered by `precedes` (default: lower slot first). */
export function topSlots(
  scores: Float64Array,
  touched: readonly number[],
  k: number,
  accept: (slot: number) => boolean,
  precedes?: (a: number, b: number) => boolean,
): ScoredSlot[] {
  const top = new TopK(k, precedes);
  for (const slot of touched) {
    const score = scores[slot]!;
    if (score >= top.threshold && accept(slot)) top.offer(slot, score);
  }
  return top.result();
}

import { TextMemo } from '../text/text-memo.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';

// The same memory text is tokenised context after context.
const termsMemo = new TextMemo<ReadonlySet<string>>(20_000);

function termsOf(text: string): ReadonlySet<string> {
  return termsMemo.get(text, () => new Set(tokenizeForSearch(text)));
}

/**
 * How much of a query the lines chosen so far cover. Each query search term (English stems, CJK
 * bigrams: names, places and dates included) weighs its rarity among the candidates,
 * `log(1 + candidates / (1 + holding it))`, so a name only a few memories mention counts more than a
 * word every candidate repeats. `gain` is the share of the query's weight a text would add.
 */
export class QueryCoverage {
  private readonly weights = new Map<string, number>();
  private readonly covered = new Set<string>();
  private readonly total: number;

  constructor(query: string, candidateTexts: readonly string[]) {
    const queryTerms = termsOf(query);
    const holding = new Map<string, number>();
    for (const text of candidateTexts) {
      const terms = termsOf(text);
      for (const term of queryTerms) if (terms.has(term)) holding.set(term, (holding.get(term) ?? 0) + 1);
    }
    let total = 0;
    for (const term of queryTerms) {
      const weight = Math.log(1 + candidateTexts.length / (1 + (holding.get(term) ?? 0)));
      this.weights.set(term, weight);
      total += weight;
    }
    this.total = total;
  }

  /** Share 0..1 of the query's weight this text would newly cover (0 for a query without terms). */
  gain(text: string): number {
    if (this.total === 0) return 0;
    const terms = termsOf(text);
    let gained = 0;
    for (const [term, weight] of this.weights) if (!this.covered.has(term) && terms.has(term)) gained += weight;
    return gained / this.total;
  }

  /** Share 0..1 of the query's weight this text holds at all, covered or not. */
  share(text: string): number {
    if (this.total === 0) return 0;
    const terms = termsOf(text);
    let held = 0;
    for (const [term, weight] of this.weights) if (terms.has(term)) held += weight;
    return held / this.total;
  }

  /** Query terms found in a text, as search terms (what a summary of it must keep). */
  termsIn(text: string): string[] {
    const terms = termsOf(text);
    return [...this.weights.keys()].filter((term) => terms.has(term));
  }

  /** Records a text as shown: its terms no longer add to other lines' gain. */
  cover(text: string): void {
    const terms = termsOf(text);
    for (const term of this.weights.keys()) if (terms.has(term)) this.covered.add(term);
  }
}

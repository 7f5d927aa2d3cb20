import { TextMemo } from '../text/text-memo.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';

// The same memory text is tokenised context after context.
const termsMemo = new TextMemo<ReadonlySet<string>>(20_000);

function termsOf(text: string): ReadonlySet<string> {
  return termsMemo.get(text, () => new Set(tokenizeForSearch(text)));
}

/** Which of the query's terms a text holds: positions in the coverage's term list. */
export type CoverageProfile = readonly number[];

/**
 * How much of a query the lines chosen so far cover. Each query search term (English stems, CJK
 * bigrams: names, places and dates included) weighs its rarity among the candidates,
 * `log(1 + candidates / (1 + holding it))`, so a name only a few memories mention counts more than a
 * word every candidate repeats. A text is read once into a profile (the query terms it holds);
 * `gain` is then the share of the query's weight a profile would add, in a few array reads.
 */
export class QueryCoverage {
  private readonly terms: string[];
  private readonly weights: number[];
  private readonly covered: boolean[];
  private readonly total: number;

  constructor(query: string, candidateTexts: readonly string[]) {
    this.terms = [...termsOf(query)];
    const holding = this.terms.map(() => 0);
    for (const text of candidateTexts) {
      const terms = termsOf(text);
      this.terms.forEach((term, index) => {
        if (terms.has(term)) holding[index]!++;
      });
    }
    this.weights = holding.map((count) => Math.log(1 + candidateTexts.length / (1 + count)));
    this.covered = this.terms.map(() => false);
    this.total = this.weights.reduce((sum, weight) => sum + weight, 0);
  }

  /** The query terms a text holds. */
  profile(text: string): CoverageProfile {
    if (this.terms.length === 0) return [];
    const terms = termsOf(text);
    const held: number[] = [];
    this.terms.forEach((term, index) => {
      if (terms.has(term)) held.push(index);
    });
    return held;
  }

  /** Share 0..1 of the query's weight a text would newly cover (0 for a query without terms). */
  gain(profile: CoverageProfile): number {
    if (this.total === 0) return 0;
    let gained = 0;
    for (const index of profile) if (!this.covered[index]) gained += this.weights[index]!;
    return gained / this.total;
  }

  /** The query's terms a text holds, as search terms (what a summary of it must keep). */
  termsIn(profile: CoverageProfile): string[] {
    return profile.map((index) => this.terms[index]!);
  }

  /** Records a text as shown: its terms no longer add to other lines' gain. */
  cover(profile: CoverageProfile): void {
    for (const index of profile) this.covered[index] = true;
  }
}

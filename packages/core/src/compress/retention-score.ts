import { normalizeForSearch, tokenizeForSearch } from '../text/tokenize-for-search.js';
import { containsTerm, extractKeyTerms, type KeyTerms } from './key-terms.js';

/** How much of an original's key content a summary kept, measured without an LLM. */
export interface RetentionScore {
  /** Share 0..1 of the original's key terms found in the summary; 1 when the original has none. */
  score: number;
  /** How many key terms the original has. */
  keyTerms: number;
  /** The key terms the summary lost (surface forms, or search terms). */
  missing: string[];
}

/**
 * The LLM-free quality check run on every compression: the share of the original's names,
 * numbers, dates and frequent terms (see `extractKeyTerms`) that the summary still contains.
 * Surface terms match after search normalisation; frequent terms match as search terms, so
 * "went" in the summary keeps "go" of the original.
 */
export function retentionScore(options: { original: string; summary: string; keyTerms?: KeyTerms }): RetentionScore {
  const keyTerms = options.keyTerms ?? extractKeyTerms(options.original);
  const summaryText = normalizeForSearch(options.summary);
  const summaryTerms = new Set(tokenizeForSearch(options.summary));
  const missing: string[] = [];
  let total = 0;
  const surface = new Set([...keyTerms.names, ...keyTerms.numbers, ...keyTerms.dates]);
  for (const term of surface) {
    total++;
    if (!containsTerm(summaryText, term)) missing.push(term);
  }
  const surfaceForms = new Set([...surface].map(normalizeForSearch));
  for (const term of keyTerms.terms) {
    if (surfaceForms.has(term)) continue;
    total++;
    if (!summaryTerms.has(term)) missing.push(term);
  }
  return { score: total === 0 ? 1 : (total - missing.length) / total, keyTerms: total, missing };
}

import { normalizeForSearch } from '../text/tokenize-for-search.js';

/** Shortest normalised query that counts as a phrase for the verbatim test. */
const MIN_PHRASE_LENGTH = 4;

/**
 * How much of the query appears in the text as written: 1 when the whole normalised query occurs
 * verbatim, otherwise half the share of the query's adjacent term pairs that occur adjacent in the
 * text (so "support group" in both scores, "group support" does not).
 */
export function phraseMatch(query: string, queryTerms: readonly string[], text: string, textTerms: readonly string[]): number {
  const phrase = collapse(normalizeForSearch(query));
  if (phrase.length >= MIN_PHRASE_LENGTH && collapse(normalizeForSearch(text)).includes(phrase)) return 1;
  if (queryTerms.length < 2) return 0;
  const textPairs = new Set<string>();
  for (let i = 0; i + 1 < textTerms.length; i++) textPairs.add(`${textTerms[i]} ${textTerms[i + 1]}`);
  let matched = 0;
  for (let i = 0; i + 1 < queryTerms.length; i++) if (textPairs.has(`${queryTerms[i]} ${queryTerms[i + 1]}`)) matched++;
  return (0.5 * matched) / (queryTerms.length - 1);
}

function collapse(text: string): string {
  return text.replace(/[\s\p{P}]+/gu, ' ').trim();
}

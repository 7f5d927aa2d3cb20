import { TextMemo } from '../text/text-memo.js';
import { normalizeForSearch, tokenizeForSearch } from '../text/tokenize-for-search.js';

/** Shortest normalised query that counts as a phrase for the verbatim test. */
const MIN_PHRASE_LENGTH = 4;

/** What the phrase test reads of a memory's text; the same memories come back query after query. */
interface PhraseFeatures {
  collapsed: string;
  terms: readonly string[];
}
const featureMemo = new TextMemo<PhraseFeatures>(20_000);

/**
 * How much of the query appears in a text as written: 1 when the whole normalised query occurs
 * verbatim, otherwise half the share of the query's adjacent term pairs that occur adjacent in the
 * text (so "support group" in both scores, "group support" does not). The query is prepared once
 * for all the texts it is matched against.
 */
export function createPhraseMatch(query: string, queryTerms: readonly string[]): (text: string) => number {
  const phrase = collapse(normalizeForSearch(query));
  const queryPairs = queryTerms.slice(1).map((term, index) => `${queryTerms[index]} ${term}`);
  return (text) => {
    const features = featureMemo.get(text, () => ({
      collapsed: collapse(normalizeForSearch(text)),
      terms: tokenizeForSearch(text),
    }));
    if (phrase.length >= MIN_PHRASE_LENGTH && features.collapsed.includes(phrase)) return 1;
    if (queryPairs.length === 0) return 0;
    const textPairs = new Set<string>();
    const { terms } = features;
    for (let i = 0; i + 1 < terms.length; i++) textPairs.add(`${terms[i]} ${terms[i + 1]}`);
    let matched = 0;
    for (const pair of queryPairs) if (textPairs.has(pair)) matched++;
    return (0.5 * matched) / queryPairs.length;
  };
}

function collapse(text: string): string {
  return text.replace(/[\s\p{P}]+/gu, ' ').trim();
}

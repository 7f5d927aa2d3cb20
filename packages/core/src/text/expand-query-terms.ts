import { EVERYDAY_CONCEPTS } from './everyday-concepts.js';
import { tokenizeForSearch } from './tokenize-for-search.js';

/** How much the terms `expandQueryTerms` adds weigh. */
export const QUERY_EXPANSION_DEFAULTS = Object.freeze({
  /** Weight of an added term, relative to 1 for a term the query itself holds. @default 0.4 */
  weight: 0.4,
});

interface Thesaurus {
  /** Category trigger (one term, or two joined by a space) -> member terms. */
  readonly categories: ReadonlyMap<string, ReadonlySet<string>>;
  /** Term -> the other terms of its synonym sets. */
  readonly synonyms: ReadonlyMap<string, ReadonlySet<string>>;
}

let thesaurus: Thesaurus | undefined;

/**
 * The query's terms with their weights (a term's count in the query), plus the members of the
 * categories it names and the synonyms of its words at `weight` each (see `EVERYDAY_CONCEPTS`).
 * A two-word category ("martial arts") is matched before its single words.
 */
export function expandQueryTerms(
  terms: readonly string[],
  weight: number = QUERY_EXPANSION_DEFAULTS.weight,
): Map<string, number> {
  const weighted = new Map<string, number>();
  for (const term of terms) weighted.set(term, (weighted.get(term) ?? 0) + 1);
  if (weight <= 0) return weighted;
  const { categories, synonyms } = (thesaurus ??= buildThesaurus());
  const added = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    const pair = i + 1 < terms.length ? categories.get(`${terms[i]} ${terms[i + 1]}`) : undefined;
    if (pair) {
      for (const member of pair) added.add(member);
      i++;
      continue;
    }
    for (const member of categories.get(terms[i]!) ?? []) added.add(member);
    for (const synonym of synonyms.get(terms[i]!) ?? []) added.add(synonym);
  }
  for (const term of added) if (!weighted.has(term)) weighted.set(term, weight);
  return weighted;
}

function buildThesaurus(): Thesaurus {
  const categories = new Map<string, Set<string>>();
  const synonyms = new Map<string, Set<string>>();
  for (const entry of EVERYDAY_CONCEPTS) {
    const [triggerList, memberList] = entry.split('>');
    if (memberList !== undefined) {
      const members = tokenizeForSearch(memberList);
      for (const trigger of triggerList!.split(',')) {
        const key = tokenizeForSearch(trigger).join(' ');
        if (key.length === 0) continue;
        const known = categories.get(key) ?? new Set<string>();
        for (const member of members) known.add(member);
        categories.set(key, known);
      }
      continue;
    }
    const words = entry.split('=').flatMap((word) => tokenizeForSearch(word));
    for (const word of words) {
      const known = synonyms.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) known.add(other);
      synonyms.set(word, known);
    }
  }
  return { categories, synonyms };
}

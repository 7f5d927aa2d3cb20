/**
 * Pseudo-relevance feedback on the lexical channel (RM3): the best few BM25 matches of the query
 * are taken as relevant, the words they share become extra query terms, and the channel searches
 * again with them. A question names the topic in its own words ("What fields would she pursue in
 * her education?"); the turns that match it best also hold the words the answer uses
 * ("counseling", "mental health"), and those find the answer turns that share none of the question's.
 */
export interface PseudoRelevanceFeedbackOptions {
  /** How many of the best matches count as relevant; 0 turns feedback off. */
  documents: number;
  /** How many feedback terms join the query, at most. */
  terms: number;
  /** Weight of the strongest feedback term, relative to 1 for a term of the query; the others scale down with their share. */
  weight: number;
  /** A feedback term must occur in at least this many of the feedback documents (one document's idiosyncrasies are not the topic). */
  minDocuments: number;
}

/** Settings for feedback when it is turned on (`createMemory({ lexical: { feedback } })`); the best found on LoCoMo dev were 5 / 5 / 0.2 / 2. */
export const PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS: Readonly<PseudoRelevanceFeedbackOptions> = Object.freeze({
  /** @default 5 */
  documents: 5,
  /** @default 5 */
  terms: 5,
  /** @default 0.2 */
  weight: 0.2,
  /** @default 2 */
  minDocuments: 2,
});

/** Feedback off: the lexical channel searches once with the query's own (and thesaurus) terms. */
export const NO_PSEUDO_RELEVANCE_FEEDBACK: Readonly<PseudoRelevanceFeedbackOptions> = Object.freeze({
  ...PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS,
  documents: 0,
});

/** One feedback document: its search terms (with repeats) and its score for the query. */
export interface FeedbackDocument {
  readonly terms: readonly string[];
  readonly score: number;
}

/**
 * The query's weighted terms plus the feedback terms (RM3): each word of the feedback documents
 * weighs `Σ_D P(w|D) · P(D|Q)`, where `P(w|D)` is its share of the document's terms and `P(D|Q)`
 * the document's share of the feedback scores. The `terms` heaviest words found in at least
 * `minDocuments` documents, and not already in the query, join at `weight` times their weight
 * over the heaviest one's. A term of the query keeps its weight.
 */
export function addFeedbackTerms(
  queryTerms: ReadonlyMap<string, number>,
  documents: readonly FeedbackDocument[],
  options: PseudoRelevanceFeedbackOptions,
): Map<string, number> {
  const expanded = new Map(queryTerms);
  const used = documents.slice(0, options.documents).filter((document) => document.terms.length > 0);
  const totalScore = used.reduce((sum, document) => sum + Math.max(0, document.score), 0);
  if (options.weight <= 0 || options.terms <= 0 || used.length === 0 || totalScore <= 0) return expanded;
  const relevance = new Map<string, number>();
  const documentCount = new Map<string, number>();
  for (const document of used) {
    const documentWeight = Math.max(0, document.score) / totalScore;
    const counts = new Map<string, number>();
    for (const term of document.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      relevance.set(term, (relevance.get(term) ?? 0) + (count / document.terms.length) * documentWeight);
      documentCount.set(term, (documentCount.get(term) ?? 0) + 1);
    }
  }
  const chosen = [...relevance]
    .filter(([term]) => !queryTerms.has(term) && documentCount.get(term)! >= options.minDocuments)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.terms);
  const heaviest = chosen[0]?.[1] ?? 0;
  for (const [term, weight] of chosen) expanded.set(term, (options.weight * weight) / heaviest);
  return expanded;
}

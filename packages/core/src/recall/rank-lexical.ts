import type {
  CandidateFacts,
  CreatedWithin,
  LexicalCandidate,
  MemoryFilter,
  MemoryStore,
} from '../store/memory-store.js';
import { expandQueryTerms } from '../text/expand-query-terms.js';
import { findDateRanges } from '../text/find-date-ranges.js';
import type { ChannelResult } from './fuse-rankings.js';
import type { LexicalSearchOptions } from './lexical-search-options.js';
import { spreadRelevance, type SpreadSource } from './spread-relevance.js';
import { addFeedbackTerms } from './pseudo-relevance-feedback.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';

/** Context spreads from the best few lexical matches only (a match far down the list cannot lift its neighbours into the top). */
const MIN_SPREAD_SOURCES = 200;
const SPREAD_SOURCES_PER_RESULT = 5;
/** Every memory of the namespace: the matches that rank the spread's sources, the timeline it runs along. */
const EVERYTHING: MemoryFilter = Object.freeze({ includeArchived: true });

/** What the lexical channel is asked: the query's search terms, how many results, which memories. */
export interface LexicalRequest {
  readonly namespace: string;
  readonly terms: readonly string[];
  readonly limit: number;
  readonly filter?: MemoryFilter;
}

/**
 * Recall's lexical channel, the same over every store: the query's terms plus thesaurus terms
 * (query expansion), BM25 candidates from the store, a boost for memories created on a date the
 * query names, then relevance spread from the best matches to the episodes said just before and
 * after them. The `limit` best the filter allows, best first, ties by id.
 *
 * The spread runs over the whole namespace: a match the filter leaves out still lends its
 * neighbours context (the question turn lifts the answer turn), though only allowed memories are
 * returned. Exact with bounded reads: the store is asked for the best `max(200, 5 x limit)`
 * matches (and as many on the named dates, which the boost can lift); a neighbour beyond that
 * list may still hold query terms, and when its shares could lift it into the result the store
 * scores it by id.
 */
export async function rankLexical(
  store: MemoryStore,
  request: LexicalRequest,
  options: LexicalSearchOptions,
): Promise<ChannelResult[]> {
  const queryTerms = expandQueryTerms(request.terms, options.expansionWeight);
  if (queryTerms.size === 0 || request.limit <= 0) return [];
  const { namespace, filter, limit } = request;
  const terms = await withFeedbackTerms(store, namespace, queryTerms, options);
  const pool = Math.max(MIN_SPREAD_SOURCES, SPREAD_SOURCES_PER_RESULT * limit);
  const ask = (count: number, which: MemoryFilter | undefined) =>
    store.lexicalCandidates({ namespace, terms, bm25: options.bm25, limit: count, filter: which });
  const dates =
    options.dateBoost > 0
      ? findDateRanges(request.terms).map(
          (range): CreatedWithin => ({ from: new Date(range.from), to: new Date(range.to) }),
        )
      : [];
  const onDates = (which: MemoryFilter | undefined): MemoryFilter => ({
    ...which,
    createdWithin: intersectSpans(which?.createdWithin, dates),
  });
  const boosted = (candidate: LexicalCandidate) =>
    dates.some((span) => candidate.createdAt >= span.from.getTime() && candidate.createdAt < span.to.getTime())
      ? candidate.score * (1 + options.dateBoost)
      : candidate.score;

  // BM25 over every memory: the best matches, and the best on the named dates (the boost may lift them above the rest).
  const best = await ask(pool, EVERYTHING);
  const bestOnDates = dates.length > 0 ? await ask(pool, onDates(EVERYTHING)) : [];
  const known = new Map<string, LexicalCandidate>();
  for (const candidate of [...best, ...bestOnDates]) known.set(candidate.id, candidate);

  // The matches the filter allows: read off those lists when a kind or archive filter can be checked here, else asked for.
  const allows = localFilter(filter);
  const enough = (list: readonly LexicalCandidate[]) => list.length < pool || list.filter(allows!).length >= limit;
  let allowed: LexicalCandidate[];
  if (allows && enough(best) && (dates.length === 0 || enough(bestOnDates)))
    allowed = [...known.values()].filter(allows);
  else {
    allowed = [...(await ask(limit, filter)), ...(dates.length > 0 ? await ask(limit, onDates(filter)) : [])];
    for (const candidate of allowed) known.set(candidate.id, candidate);
  }
  const scores = new Map<string, number>();
  for (const candidate of allowed) scores.set(candidate.id, boosted(candidate));

  const spread = options.contextSpread;
  if (spread.weight > 0 && spread.reach >= 1 && (filter?.kinds === undefined || filter.kinds.includes('episode'))) {
    // The best matches overall are the sources; only episodes sit on the timeline.
    const sources: SpreadSource[] = bestFirst(
      new Map([...known.values()].map((candidate) => [candidate.id, boosted(candidate)])),
    )
      .slice(0, pool)
      .flatMap(([id, score]) =>
        known.get(id)!.kind === 'episode' ? [{ id, score, createdAt: known.get(id)!.createdAt }] : [],
      );
    if (sources.length > 0) {
      const ids = sources.map((source) => source.id);
      const around = await store.neighbours({
        namespace,
        ids,
        radius: spread.reach,
        filter: { kinds: ['episode'], includeArchived: true },
      });
      const shares = spreadRelevance(sources, new Map(around.map((entry) => [entry.id, entry])), spread);
      // Receivers the filter allows: checked here for a kind or archive filter, else among the allowed neighbours (as near, or nearer).
      const receivers = new Map<string, CandidateFacts>();
      for (const entry of around) {
        for (const neighbour of entry.before) receivers.set(neighbour.id, neighbour);
        for (const neighbour of entry.after) receivers.set(neighbour.id, neighbour);
      }
      const allowedIds = allows
        ? null
        : new Set(
            (
              await store.neighbours({
                namespace,
                ids,
                radius: spread.reach,
                filter: { ...filter, kinds: ['episode'] },
              })
            ).flatMap((entry) => [...entry.before, ...entry.after].map((neighbour) => neighbour.id)),
          );
      const isAllowed = (id: string) => (allows ? allows(receivers.get(id)!) : allowedIds!.has(id));
      const gaining = shares.filter((share) => isAllowed(share.id));
      for (const { id } of gaining) if (!scores.has(id) && known.has(id)) scores.set(id, boosted(known.get(id)!));
      await scoreUnknownReceivers(gaining, scores, {
        // A memory missing from the lists scores at most what their last entries score (0 when a list holds every match).
        bound: Math.max(lastScore(best, pool), lastScore(bestOnDates, pool) * (1 + options.dateBoost)),
        limit,
        score: async (unknown) =>
          new Map(
            (await ask(unknown.length, { includeArchived: true, ids: unknown })).map((candidate) => [
              candidate.id,
              boosted(candidate),
            ]),
          ),
      });
      for (const { id, share } of gaining) scores.set(id, (scores.get(id) ?? 0) + share);
    }
  }
  return bestOf(scores, limit).map(([id, score]) => ({ id, score }));
}

/** The query's terms plus pseudo-relevance feedback terms from its best matches in the whole namespace (see `addFeedbackTerms`). */
async function withFeedbackTerms(
  store: MemoryStore,
  namespace: string,
  terms: Map<string, number>,
  options: LexicalSearchOptions,
): Promise<Map<string, number>> {
  const feedback = options.feedback;
  if (feedback.documents <= 0 || feedback.terms <= 0 || feedback.weight <= 0) return terms;
  const best = await store.lexicalCandidates({
    namespace,
    terms,
    bm25: options.bm25,
    limit: feedback.documents,
    filter: EVERYTHING,
  });
  const records = new Map(
    (await store.get(best.map((candidate) => candidate.id))).map((record) => [record.id, record]),
  );
  const documents = best.flatMap((candidate) => {
    const record = records.get(candidate.id);
    return record ? [{ terms: tokenizeForSearch(record.text), score: candidate.score }] : [];
  });
  return addFeedbackTerms(terms, documents, feedback);
}

/**
 * Gives the receivers of shares whose own BM25 is not known yet their score, when it could matter:
 * those whose shares plus the most they could score reach the `limit`-th score known so far.
 */
async function scoreUnknownReceivers(
  shares: readonly { id: string; share: number }[],
  scores: Map<string, number>,
  options: { bound: number; limit: number; score: (ids: string[]) => Promise<Map<string, number>> },
): Promise<void> {
  if (options.bound <= 0) return;
  const received = new Map<string, number>();
  for (const { id, share } of shares) if (!scores.has(id)) received.set(id, (received.get(id) ?? 0) + share);
  if (received.size === 0) return;
  // Ascending in a typed array (a numeric sort, no comparator): the limit-th best is limit places from the end.
  const known = new Float64Array(scores.size + received.size);
  let at = 0;
  for (const score of scores.values()) known[at++] = score;
  for (const share of received.values()) known[at++] = share;
  known.sort();
  const cut = known.length >= options.limit ? known[known.length - options.limit]! : 0;
  const unknown = [...received].filter(([, share]) => share + options.bound >= cut * (1 - 1e-9)).map(([id]) => id);
  if (unknown.length === 0) return;
  for (const [id, score] of await options.score(unknown)) scores.set(id, score);
}

/** A filter on kinds and the archive only, as a check on a candidate's facts; undefined when it needs the store (metadata, ids, dates). */
function localFilter(filter: MemoryFilter | undefined): ((facts: CandidateFacts) => boolean) | undefined {
  if (filter?.metadata !== undefined || filter?.ids !== undefined || filter?.createdWithin !== undefined)
    return undefined;
  const kinds = filter?.kinds;
  const includeArchived = filter?.includeArchived === true;
  return (facts) => (includeArchived || !facts.archived) && (kinds === undefined || kinds.includes(facts.kind));
}

/** Entries best first, ties by id. */
function bestFirst(scores: ReadonlyMap<string, number>): [string, number][] {
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** `bestFirst(scores).slice(0, count)` without sorting every entry: recall keeps 10 of some hundreds. */
function bestOf(scores: ReadonlyMap<string, number>, count: number): [string, number][] {
  if (count >= scores.size) return bestFirst(scores);
  const top: [string, number][] = [];
  if (count <= 0) return top;
  const before = (a: [string, number], b: [string, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const entry of scores) {
    if (top.length === count && !before(entry, top[count - 1]!)) continue;
    let at = top.length === count ? count - 1 : top.length;
    while (at > 0 && before(entry, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = entry;
  }
  return top;
}

/** The last score of a list the store filled to `limit` (more may lie beyond it), else 0 (it holds every match). */
function lastScore(list: readonly LexicalCandidate[], limit: number): number {
  return list.length >= limit ? list.at(-1)!.score : 0;
}

/** The spans of `within` that are also in one of `spans` (all of `spans` when `within` is absent). */
function intersectSpans(
  within: readonly CreatedWithin[] | undefined,
  spans: readonly CreatedWithin[],
): CreatedWithin[] {
  if (within === undefined) return [...spans];
  return within.flatMap((outer) =>
    spans.flatMap((inner) => {
      const from = Math.max(outer.from.getTime(), inner.from.getTime());
      const to = Math.min(outer.to.getTime(), inner.to.getTime());
      return from < to ? [{ from: new Date(from), to: new Date(to) }] : [];
    }),
  );
}

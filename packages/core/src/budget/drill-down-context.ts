import type { ContextItem } from './pack-context.js';
import type { RecallHit } from '../recall/rank-candidates.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { drillDown } from './drill-down.js';
import type { MemoryContext } from '../recall/memory-context.js';

/** How `buildContext` opens the consolidation summaries it shows when budget is left over. */
export const CONTEXT_DRILL_DOWN_DEFAULTS = Object.freeze({
  /** Raw memories offered per summary shown: those sharing most search terms with the query. @default 4 */
  perSummary: 4,
  /** Budget left over (tokens) under which no drill-down is tried. @default 24 */
  minSpareTokens: 24,
});

/** A summary that was opened in a context and the raw memories below it that made it into the block. */
export interface ContextDrillDown {
  /** The consolidation summary shown. */
  summaryId: string;
  /** Its raw memories placed in the block (in full, summarized or in the aggregate line). */
  memoryIds: string[];
}

/**
 * Extra hits for a context whose block shows consolidation summaries: the raw memories below each
 * summary (archived ones included) that share most terms with the query, scored a little under
 * their summary (`score × (0.5 + 0.5 × share of query terms)`), so packing places them only in
 * budget the ranked memories left over. Returns the hits and, per hit, the summary it came from.
 */
export async function drillDownHits(
  context: MemoryContext,
  request: { namespace: string; query: string; shown: readonly ContextItem[]; known: readonly RecallHit[] },
): Promise<{ hits: RecallHit[]; from: Map<string, string> }> {
  const queryTerms = new Set(tokenizeForSearch(request.query));
  const known = new Set(request.known.map((hit) => hit.memory.id));
  const hits: RecallHit[] = [];
  const from = new Map<string, string>();
  const summaries = request.shown.filter(
    (item) => item.mode !== 'aggregate' && item.memory.kind === 'summary' && item.memory.level !== null,
  );
  for (const item of summaries) {
    const hit = request.known.find((candidate) => candidate.memory.id === item.memory.id);
    if (!hit) continue;
    const { raw } = await drillDown(context, { namespace: request.namespace, id: item.memory.id });
    const scored = raw
      .filter((record) => !known.has(record.id) && !from.has(record.id))
      .map((record) => {
        const terms = new Set(tokenizeForSearch(record.text));
        const share =
          queryTerms.size === 0 ? 0 : [...queryTerms].filter((term) => terms.has(term)).length / queryTerms.size;
        return { record, share };
      })
      .sort((a, b) => b.share - a.share || a.record.createdAt.getTime() - b.record.createdAt.getTime())
      .slice(0, CONTEXT_DRILL_DOWN_DEFAULTS.perSummary);
    for (const { record, share } of scored) {
      const factor = 0.5 + 0.5 * share;
      from.set(record.id, item.memory.id);
      hits.push({
        memory: record,
        score: hit.score * factor,
        signals: {
          ...hit.signals,
          relevance: hit.signals.relevance * factor,
          phrase: 0,
          lexicalRank: null,
          vectorRank: null,
        },
      });
    }
  }
  return { hits, from };
}

/** Which summaries were opened and which of their raw memories the final block holds. */
export function drillDownReport(
  from: ReadonlyMap<string, string>,
  included: readonly ContextItem[],
): ContextDrillDown[] {
  const bySummary = new Map<string, string[]>();
  for (const item of included) {
    const summaryId = from.get(item.memory.id);
    if (summaryId === undefined) continue;
    bySummary.set(summaryId, [...(bySummary.get(summaryId) ?? []), item.memory.id]);
  }
  return [...bySummary].map(([summaryId, memoryIds]) => ({ summaryId, memoryIds }));
}

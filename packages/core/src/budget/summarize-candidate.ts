import { compressionRatio } from '../compress/compression-ratio.js';
import { extractKeyTerms, type KeyTerms } from '../compress/key-terms.js';
import { retentionScore, type RetentionScore } from '../compress/retention-score.js';
import type { Summarizer } from '../compress/summarizer.js';
import { TextMemo } from '../text/text-memo.js';
import type { TokenCounter } from '../text/token-counter.js';
import type { ContextGuard } from './context-guard.js';
import type { PlanItem, PlannedSummary } from './context-plan.js';
import type { CompressionInfo } from './pack-context.js';
import { renderEntryLine } from './render-memory-block.js';

/** What summarizing a candidate needs. */
export interface SummarizeCandidateOptions {
  summarize: Summarizer;
  tokenCounter: TokenCounter;
  guard: ContextGuard;
  /** Most tokens the summary's whole line may take. */
  maxLineTokens: number;
  /** How much room the budget has for what the candidates ask, 0..1 (1: no pressure). */
  room: number;
  /** The query's words this memory holds: a summary keeps them first. */
  queryWords: readonly string[];
}

const CONTENT_WORD = /[\p{L}\p{N}]{3,}|[\p{Script=Han}\p{Script=Katakana}]/u;

/**
 * A summary of one candidate worth a line, or null: the memory's stored summary when it is shorter
 * and passes the guard, else the summarizer's, asked to keep the query's words, names, numbers and
 * dates. Null when it holds no content word, is not shorter than the text, fails the guard, or its
 * line would not fit `maxLineTokens`.
 */
export async function summarizeCandidate(
  item: PlanItem,
  options: SummarizeCandidateOptions,
): Promise<PlannedSummary | null> {
  const { tokenCounter: counter, guard } = options;
  const record = item.record;
  const lineOverhead = item.fullTokens - item.rawTokens;
  const target = Math.min(options.maxLineTokens - lineOverhead, targetTokens(item, options.room, guard.maxRawTokens));
  if (target < 1) return null;
  const keyTerms = extractKeyTerms(record.text);
  const stored = record.summary?.trim() ?? '';
  let source: CompressionInfo['source'] = 'summarizer';
  let content: string;
  if (stored.length > 0 && counter.count(stored) < item.rawTokens && guard.admitsRaw(counter.count(stored))) {
    source = 'stored';
    content = stored;
  } else {
    const preserve = [...new Set([...options.queryWords, ...keyTerms.names, ...keyTerms.numbers, ...keyTerms.dates])];
    content = (await options.summarize({ texts: [record.text], targetTokens: target, preserve })).trim();
  }
  const summaryTokens = counter.count(content);
  if (
    summaryTokens === 0 ||
    summaryTokens >= item.rawTokens ||
    !guard.admitsRaw(summaryTokens) ||
    !CONTENT_WORD.test(withoutSpeaker(content))
  )
    return null;
  const tokens = counter.count(
    renderEntryLine({ record, form: 'summary', content, crisis: false, reference: item.reference }),
  );
  if (tokens > options.maxLineTokens || (tokens >= item.fullTokens && guard.admitsRaw(item.rawTokens))) return null;
  return {
    content,
    tokens,
    info: {
      source,
      summary: content,
      originalTokens: item.rawTokens,
      summaryTokens,
      targetTokens: target,
      retention: retentionOf(record.text, content, keyTerms),
    },
  };
}

/** A summary that is only its speaker label ("Audrey: Haha,") says nothing: the label is not content. */
function withoutSpeaker(text: string): string {
  return text
    .replace(/^[^:：\n]{1,40}[:：]\s*/u, '')
    .replace(/\b(?:haha+|lol|wow|yeah|okay|thanks?|hey|hi|hello)\b/giu, '');
}

/** The summary length asked for: the adaptive ratio of the text, at least one useful line, within the guard. */
function targetTokens(item: PlanItem, room: number, maxRawTokens: number): number {
  const ratio = compressionRatio({
    importance: Math.max(item.hit.score, item.salience),
    recency: item.hit.signals.recency,
    room,
  });
  return Math.min(maxRawTokens, Math.max(SUMMARY_MIN_TOKENS, Math.round(ratio * item.rawTokens)));
}

/** Shortest summary asked for, in tokens: one short clause. */
const SUMMARY_MIN_TOKENS = 12;

// The same memory comes back with the same summary call after call; its retention is reused (frozen,
// as every context that shows the summary shares it).
const retentionMemo = new TextMemo<RetentionScore>(20_000);

function retentionOf(original: string, summary: string, keyTerms: KeyTerms): RetentionScore {
  return retentionMemo.get(`${summary}\u0000${original}`, () => {
    const retention = retentionScore({ original, summary, keyTerms });
    return Object.freeze({ ...retention, missing: Object.freeze(retention.missing) as string[] });
  });
}

import type { MemoryRecord } from '../records/memory-record.js';
import type { CoarseCandidate } from './coarse-candidate.js';
import { emotionalRecall, normalizeTrigger } from './emotional-recall.js';
import { FORGETTING_DEFAULTS, recencyAt, type ForgettingCurve } from './forgetting-curve.js';
import { createPhraseMatch } from './phrase-match.js';
import type { RankingWeights } from './ranking-weights.js';

/** Why a memory ranked where it did: every signal of the fine stage, each 0..1. */
export interface RecallSignals {
  relevance: number;
  recency: number;
  arousal: number;
  utility: number;
  phrase: number;
  /** 1-based rank in the lexical list, or null if lexical search missed it. */
  lexicalRank: number | null;
  /** 1-based rank in the vector list, or null if vector search missed it. */
  vectorRank: number | null;
  /** How far joy lifted `recency` (0..1); absent means 0. */
  joy?: number;
  /** Share of the score aversion took away (0..1); absent means 0. */
  aversion?: number;
  /** A reflex memory triggered by the query: ranked first. */
  reflex?: boolean;
  /** A traumatic memory that surfaced unprompted: ranked right after reflexes. */
  flashback?: boolean;
  /** The caller's extra fine-stage signal (see `FineRankSignal`), when one was passed. */
  extra?: number;
  /** A later memory revises this one (a `supersedes` link): it keeps `SUPERSEDED_SHARE` of its score. */
  superseded?: boolean;
}

/**
 * Share of its score a memory keeps once a later one revises it ("I don't want to move" after "I
 * want to move"): the two are near-identical in wording, so halving lets the newer lead. @default 0.5
 */
export const SUPERSEDED_SHARE = 0.5;

/** One recalled memory, its score 0..1 and the signals that produced it. */
export interface RecallHit {
  memory: MemoryRecord;
  score: number;
  signals: RecallSignals;
}

/** What the fine stage needs besides the candidates. */
export interface RankContext {
  query: string;
  queryTerms: readonly string[];
  now: Date;
  weights: RankingWeights;
  forgetting?: ForgettingCurve;
  /** A caller's extra signal: its weight and one score 0..1 per candidate, in order. */
  extra?: { weight: number; scores: readonly number[] };
  /** Ids of candidates a later memory revises (`supersedes` links into them). */
  superseded?: ReadonlySet<string>;
}

/**
 * The fine stage: scores coarse candidates with the documented composite and sorts them. Emotion
 * bends the composite (see `emotionalRecall`): joy lifts recency, aversion scales the score down;
 * reflexes come first, then flashbacks, then everything else by score.
 */
export function rankCandidates(candidates: readonly CoarseCandidate[], context: RankContext): RecallHit[] {
  const { weights } = context;
  const curve = context.forgetting ?? FORGETTING_DEFAULTS;
  const normalizedQuery = normalizeTrigger(context.query);
  const extraWeight = context.extra?.weight ?? 0;
  const totalWeight =
    weights.relevance + weights.recency + weights.arousal + weights.utility + weights.phrase + extraWeight || 1;
  const phraseMatch = createPhraseMatch(context.query, context.queryTerms);
  const hits = candidates.map(({ record, relevance, lexicalRank, vectorRank }, index): RecallHit => {
    const phrase = phraseMatch(record.text);
    const recency = recencyAt(record.lastAccessedAt, record.accessCount, context.now, curve);
    const emotional = emotionalRecall({ record, recency, relevance, phrase, normalizedQuery, now: context.now }, curve);
    const signals: RecallSignals = {
      relevance,
      recency: emotional.recency,
      arousal: record.arousal,
      utility: record.utility,
      phrase: weights.phrase > 0 ? phrase : 0,
      lexicalRank,
      vectorRank,
      joy: emotional.joy,
      aversion: emotional.aversion,
      reflex: emotional.reflex,
      flashback: emotional.flashback,
    };
    if (context.extra) signals.extra = context.extra.scores[index] ?? 0;
    if (context.superseded?.has(record.id)) signals.superseded = true;
    // Relevance gates the rest: the other signals say how much of it a memory keeps (see RankingWeights).
    const weighted =
      weights.relevance +
      weights.recency * signals.recency +
      weights.arousal * signals.arousal +
      weights.utility * signals.utility +
      weights.phrase * signals.phrase +
      extraWeight * (signals.extra ?? 0);
    const kept = (1 - emotional.aversion) * (signals.superseded ? SUPERSEDED_SHARE : 1);
    return { memory: record, score: signals.relevance * (weighted / totalWeight) * kept, signals };
  });
  return hits.sort(
    (a, b) =>
      priority(b.signals) - priority(a.signals) ||
      b.score - a.score ||
      b.signals.relevance - a.signals.relevance ||
      (a.memory.id < b.memory.id ? -1 : 1),
  );
}

/** Reflexes first, flashbacks next, everything else by score. */
function priority(signals: RecallSignals): number {
  return signals.reflex ? 2 : signals.flashback ? 1 : 0;
}

import { normalizeForSearch, tokenizeForSearch } from '../text/tokenize-for-search.js';
import { TextMemo } from '../text/text-memo.js';
import { createTiktokenCounter, type TokenCounter } from '../text/token-counter.js';
import { containsTerm, extractKeyTerms } from './key-terms.js';
import { isSmallTalk } from './small-talk.js';
import { SPEAKER_LABEL, splitClauses, splitSentences } from './split-sentences.js';
import type { Summarizer, SummarizerInput } from './summarizer.js';

/** How the extractive summarizer weighs the key content a sentence carries. */
export const EXTRACTIVE_SUMMARIZER_DEFAULTS = Object.freeze({
  /** Weight of a name the sentence keeps. @default 3 */
  nameWeight: 3,
  /** Weight of a number. @default 2 */
  numberWeight: 2,
  /** Weight of a date or time expression. @default 2 */
  dateWeight: 2,
  /** Weight of a frequent search term. @default 1 */
  termWeight: 1,
  /** Weight of a string the caller asked to preserve. @default 4 */
  preserveWeight: 4,
});

// "Caroline: …" or "田中：…": a speaker label the summary keeps in front of whatever it selects.
const ATTRIBUTION = new RegExp(`^\\s*(${SPEAKER_LABEL.source})\\s*`, 'u');

/** How far past its target the summarizer may go for the unit richest in key content. */
const OVERSHOOT = 1.5;

interface Unit {
  text: string;
  position: number;
  tokens: number;
  keys: Set<string>;
}

/**
 * The offline default `Summarizer`: picks whole sentences (or clauses, when they keep more) that
 * cover the most names, numbers, dates and frequent terms per token, and returns them in their
 * original order. Greetings, thanks and laughter are never chosen (all small talk: an empty
 * summary), and a name or term most sentences share counts for little. It never cuts inside a clause, so it may exceed `targetTokens` (by up to half
 * for the richest clause, or more when no clause fits at all); the caller measures. Works on
 * Japanese (。、 boundaries).
 */
export function createExtractiveSummarizer(options: { tokenCounter?: TokenCounter } = {}): Summarizer {
  const counter = options.tokenCounter ?? createTiktokenCounter();
  return async (input) =>
    memo.get(JSON.stringify([counter.encoding, input.targetTokens, input.preserve, input.texts]), () =>
      summarizeExtractively(input, counter),
    );
}

// Deterministic for a given tokenizer: the same memory summarized to the same target is reused
// across contexts (a custom counter with the same `encoding` name must count the same way).
const memo = new TextMemo<string>(20_000);

function summarizeExtractively(input: SummarizerInput, counter: TokenCounter): string {
  const texts = input.texts.map((text) => text.replace(/\s+/gu, ' ').trim()).filter((text) => text.length > 0);
  const whole = texts.join(' ');
  if (whole.length === 0 || counter.count(whole) <= input.targetTokens) return whole;
  // A speaker label stays attached to the summary of a single utterance.
  const attribution = texts.length === 1 ? (ATTRIBUTION.exec(whole)?.[1] ?? '') : '';
  const body = texts.map((text, index) => (index === 0 && attribution ? text.replace(ATTRIBUTION, '') : text));
  const prefix = attribution ? `${attribution} ` : '';
  const target = Math.max(1, input.targetTokens - counter.count(prefix));
  // Greetings, thanks and laughter carry no fact: they never make a summary, whatever names they hold.
  const sentences = body.flatMap((text) => splitSentences(text)).filter((sentence) => !isSmallTalk(sentence));
  if (sentences.length === 0) return '';
  const weights = informativeWeights(keyWeights(whole, input.preserve), sentences);
  const sentenceUnits = toUnits(sentences, weights, counter);
  const bySentence = select(sentenceUnits, weights, target);
  // Clauses can fit where whole sentences cannot; take them when they keep more key content.
  const clauseTexts = sentences.flatMap(splitClauses).filter((clause) => !isSmallTalk(clause));
  const clauses = clauseTexts.length > sentences.length ? toUnits(clauseTexts, weights, counter) : sentenceUnits;
  const byClause = clauses === sentenceUnits ? [] : select(clauses, weights, target);
  let chosen = coveredWeight(byClause, weights) > coveredWeight(bySentence, weights) ? byClause : bySentence;
  // The unit richest in key content may overshoot the target a little; a miss by under half is
  // better than keeping only small talk (the caller measures what comes back).
  const richest = bestSingle(clauses, weights);
  const overshoot = richest.length > 0 && richest[0]!.tokens <= target * OVERSHOOT;
  if (chosen.length === 0 || (overshoot && coveredWeight(richest, weights) > coveredWeight(chosen, weights)))
    chosen = richest;
  // A unit with its own speaker ("Assistant: …" in an exchange) is not the first speaker's.
  const said = chosen[0] && ATTRIBUTION.test(chosen[0].text) ? '' : prefix;
  return (
    said +
    chosen.reduce(
      (summary, unit) =>
        summary === '' || /[。、！？」』）]$/u.test(summary) ? summary + unit.text : `${summary} ${unit.text}`,
      '',
    )
  );
}

function keyWeights(text: string, preserve: readonly string[]): Map<string, number> {
  const defaults = EXTRACTIVE_SUMMARIZER_DEFAULTS;
  const keyTerms = extractKeyTerms(text);
  const weights = new Map<string, number>();
  const add = (key: string, weight: number) => weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  for (const name of keyTerms.names) add(`s:${name}`, defaults.nameWeight);
  for (const number of keyTerms.numbers) add(`s:${number}`, defaults.numberWeight);
  for (const date of keyTerms.dates) add(`s:${date}`, defaults.dateWeight);
  for (const term of keyTerms.terms) add(`t:${term}`, defaults.termWeight);
  for (const kept of preserve) if (kept.trim().length > 0) add(`s:${kept.trim()}`, defaults.preserveWeight);
  return weights;
}

/**
 * Key weights scaled by how much they tell apart: a name or term in most sentences (the two people
 * talking, the session's topic word) is no news in any one of them and keeps a quarter of its weight.
 */
function informativeWeights(weights: Map<string, number>, sentences: readonly string[]): Map<string, number> {
  if (sentences.length < 4) return weights;
  const normalized = sentences.map((sentence) => ({
    text: normalizeForSearch(sentence),
    terms: new Set(tokenizeForSearch(sentence)),
  }));
  const scaled = new Map<string, number>();
  for (const [key, weight] of weights) {
    const value = key.slice(2);
    const holding = normalized.filter((sentence) =>
      key.startsWith('t:') ? sentence.terms.has(value) : containsTerm(sentence.text, value),
    ).length;
    scaled.set(key, holding / sentences.length > COMMON_SHARE ? weight * COMMON_WEIGHT : weight);
  }
  return scaled;
}

/** Held by more than this share of the sentences, a key is common... */
const COMMON_SHARE = 0.5;
/** ...and keeps this share of its weight. */
const COMMON_WEIGHT = 0.25;

function toUnits(pieces: readonly string[], weights: ReadonlyMap<string, number>, counter: TokenCounter): Unit[] {
  return pieces.map((text, position) => {
    const normalized = normalizeForSearch(text);
    const terms = new Set(tokenizeForSearch(text));
    const keys = new Set<string>();
    for (const key of weights.keys()) {
      const value = key.slice(2);
      if (key.startsWith('t:') ? terms.has(value) : containsTerm(normalized, value)) keys.add(key);
    }
    return { text, position, tokens: Math.max(1, counter.count(text)), keys };
  });
}

/** Greedy coverage: repeatedly take the unit adding the most uncovered key weight per √token that still fits. */
function select(units: readonly Unit[], weights: ReadonlyMap<string, number>, target: number): Unit[] {
  const covered = new Set<string>();
  const chosen: Unit[] = [];
  let remaining = target;
  for (;;) {
    let best: Unit | undefined;
    let bestValue = 0;
    for (const unit of units) {
      if (chosen.includes(unit) || unit.tokens > remaining) continue;
      const value = keyWeight(unit, weights, covered) / Math.sqrt(unit.tokens);
      if (value > bestValue) {
        best = unit;
        bestValue = value;
      }
    }
    if (best === undefined) break;
    chosen.push(best);
    remaining -= best.tokens;
    for (const key of best.keys) covered.add(key);
  }
  return chosen.sort((a, b) => a.position - b.position);
}

/** When nothing fits the target: the single unit with the most key weight per √token (the first on ties). */
function bestSingle(units: readonly Unit[], weights: ReadonlyMap<string, number>): Unit[] {
  let best: Unit | undefined;
  let bestValue = -1;
  for (const unit of units) {
    const value = keyWeight(unit, weights, new Set()) / Math.sqrt(unit.tokens);
    if (value > bestValue) {
      best = unit;
      bestValue = value;
    }
  }
  return best ? [best] : [];
}

function coveredWeight(units: readonly Unit[], weights: ReadonlyMap<string, number>): number {
  const keys = new Set(units.flatMap((unit) => [...unit.keys]));
  let total = 0;
  for (const key of keys) total += weights.get(key) ?? 0;
  return total;
}

function keyWeight(unit: Unit, weights: ReadonlyMap<string, number>, covered: ReadonlySet<string>): number {
  let total = 0;
  for (const key of unit.keys) if (!covered.has(key)) total += weights.get(key) ?? 0;
  return total;
}

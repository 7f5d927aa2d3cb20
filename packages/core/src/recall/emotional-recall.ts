import type { MemoryRecord } from '../records/memory-record.js';
import { normalizeForSearch } from '../text/tokenize-for-search.js';
import { FORGETTING_DEFAULTS, joyLiftAt, recallStage, type ForgettingCurve } from './forgetting-curve.js';

/** What emotion and habit did to one candidate's ranking. */
export interface EmotionalRecall {
  /** Recall strength after the joy lift (the forgetting curve's strength when there is no joy). */
  recency: number;
  /** The joy lift applied, 0..1. */
  joy: number;
  /** Share of the score aversion took away, 0..1 (0 when the memory was asked for directly). */
  aversion: number;
  /** A reflex memory whose trigger phrase is in the query: ranked first. */
  reflex: boolean;
  /** A traumatic memory that surfaced unprompted: ranked right after reflexes. */
  flashback: boolean;
}

/** What the emotional stage knows about a candidate besides its record. */
export interface EmotionalRecallInput {
  record: MemoryRecord;
  /** The forgetting curve's strength (recency) before any lift. */
  recency: number;
  relevance: number;
  /** 1 when the whole query occurs verbatim in the memory. */
  phrase: number;
  /** The query, normalised and collapsed by {@link normalizeTrigger}. */
  normalizedQuery: string;
  now: Date;
}

/**
 * Joy lifts recall strength for a while after the memory was made; aversion pushes the score down
 * unless the memory is asked for directly (relevance at or above `directRelevance`, the query
 * verbatim in it, or its trigger); a reflex memory (recalled `reflexAfterRecalls` times) comes first
 * when the query holds its trigger phrase (`metadata.trigger`, a string or strings, or else the whole
 * query verbatim in its text); a traumatic memory surfaces with chance `flashbackChance · trauma`
 * drawn from the curve's `random` (never when the chance is 0, the default).
 */
export function emotionalRecall(
  input: EmotionalRecallInput,
  curve: ForgettingCurve = FORGETTING_DEFAULTS,
): EmotionalRecall {
  const { record } = input;
  const joy = joyLiftAt(record.emotion.joy, record.createdAt, input.now, curve);
  const recency = input.recency + (1 - input.recency) * joy;
  const triggered = triggerMatches(record, input.normalizedQuery, input.phrase);
  const reflex = triggered && recallStage(record.accessCount, curve) === 'reflex';
  const direct =
    triggered || input.phrase >= 1 || input.relevance >= (curve.directRelevance ?? FORGETTING_DEFAULTS.directRelevance);
  const aversion = direct
    ? 0
    : Math.min(1, (curve.aversionPenalty ?? FORGETTING_DEFAULTS.aversionPenalty) * record.emotion.aversion);
  const chance = (curve.flashbackChance ?? FORGETTING_DEFAULTS.flashbackChance) * record.emotion.trauma;
  // Draw only for candidates that can flash back, so a seeded source gives the same outcome for the same store.
  const flashback = !reflex && chance > 0 && (curve.random ?? FORGETTING_DEFAULTS.random)() < chance;
  return { recency, joy, aversion, reflex, flashback };
}

/** Normalises a query or trigger phrase for trigger matching: NFKC, lowercase, punctuation and spaces collapsed. */
export function normalizeTrigger(text: string): string {
  return normalizeForSearch(text)
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

/** Whether `phrase` occurs in `text` on word boundaries (a Latin word is not matched inside a longer one; CJK has no boundaries). */
function containsPhrase(text: string, phrase: string): boolean {
  for (let index = text.indexOf(phrase); index >= 0; index = text.indexOf(phrase, index + 1)) {
    const before = text[index - 1];
    const after = text[index + phrase.length];
    if (
      !(isWordCharacter(before) && isWordCharacter(phrase[0])) &&
      !(isWordCharacter(after) && isWordCharacter(phrase.at(-1)))
    )
      return true;
  }
  return false;
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{Script=Latin}\p{N}]/u.test(character);
}

function triggerMatches(record: MemoryRecord, normalizedQuery: string, phrase: number): boolean {
  const trigger = record.metadata.trigger;
  const triggers =
    typeof trigger === 'string'
      ? [trigger]
      : Array.isArray(trigger)
        ? trigger.filter((item): item is string => typeof item === 'string')
        : [];
  if (triggers.length === 0) return phrase >= 1;
  return triggers.some((item) => {
    const normalized = normalizeTrigger(item);
    return normalized.length > 0 && containsPhrase(normalizedQuery, normalized);
  });
}

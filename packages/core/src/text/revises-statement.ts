// Whether a new memory revises an earlier one: the same statement with its polarity flipped ("I
// don't want to move to Tokyo" -> "I want to move to Tokyo"). Dedup keeps both (see same-meaning.ts);
// this says that the later one replaces what the earlier one stated, so recall can prefer it.
// Deliberately narrow: anything else that differs (a number, another content word, a name, an
// antonym) is not recognised as a revision. A changed number is as often a new event ("Day 2: we
// practised" -> "Day 3: we practised") as an update ("I have 2 cats" -> "I have 3 cats"), and a
// wrong revision halves a true memory's score, so numbers are left to the reader.

import { differingWords, isLightWord, surfaceWords } from './same-meaning.js';

// English negators; contractions ("don't", "isn't") as the word segmenter returns them, one word.
const ENGLISH_NEGATORS = 'not|no|never|nothing|none|nobody|neither|nor|without|cannot';
const ENGLISH_NEGATION = new RegExp(`\\b(?:${ENGLISH_NEGATORS})\\b|n't\\b`, 'giu');
// A word that may differ between a statement and its negation: a negator, a contraction, or the
// "longer" / "anymore" of "no longer" / "not anymore".
const NEGATION_WORD = new RegExp(`^(?:${ENGLISH_NEGATORS}|longer|anymore|\\p{L}+n't)$`, 'u');
// Japanese negative endings, read off the text itself (the segmenter splits them into kana pieces).
const JAPANESE_NEGATION = /(?:ない|なかった|なく|ません|ず(?:に|、|。|$)|ぬ(?:。|$))/gu;
// Auxiliaries a negation brings with it ("I eat" -> "I do not eat").
const AUXILIARY = /^(?:do|does|did|am|is|are|was|were|will|would|can|could|should|have|has|had|any)$/u;
// Kana pieces of inflection ("たく", "たい", "せん", "では"): what a Japanese negation changes around it.
const KANA_FRAGMENT = /^[\p{Script=Hiragana}ー]{1,4}$/u;

/** Shortest common run (in words, light words aside) for two texts to count as one statement. */
const MIN_SHARED_WORDS = 2;

/**
 * True when `later` restates `earlier` with its negation flipped, and no other word differs but
 * light words, auxiliaries and the kana pieces of Japanese inflection. Order-sensitive only in
 * name: the test is symmetric; the caller decides which is newer.
 */
export function revisesStatement(earlier: string, later: string): boolean {
  const a = surfaceWords(earlier);
  const b = surfaceWords(later);
  const differing = differingWords(a, b);
  if (differing.length === 0) return false;
  const shared = (a.length + b.length - differing.length) / 2;
  const sharedContent = shared - lightCount(a, b, differing);
  if (sharedContent < MIN_SHARED_WORDS) return false;
  const explained = differing.every(
    (word) => isLightWord(word) || NEGATION_WORD.test(word) || AUXILIARY.test(word) || KANA_FRAGMENT.test(word),
  );
  if (!explained) return false;
  return negationParity(earlier) !== negationParity(later);
}

/** Light words among the shared ones (they do not make two texts one statement). */
function lightCount(a: readonly string[], b: readonly string[], differing: readonly string[]): number {
  const count = (words: readonly string[]) => words.filter(isLightWord).length;
  return (count(a) + count(b) - count(differing)) / 2;
}

/** Odd when the text negates once (or three times), even when it does not (or double-negates). */
function negationParity(text: string): number {
  const normalized = text.normalize('NFKC').replace(/[’‘`]/gu, "'");
  const english = normalized.match(ENGLISH_NEGATION)?.length ?? 0;
  const japanese = normalized.match(JAPANESE_NEGATION)?.length ?? 0;
  return (english + japanese) % 2;
}

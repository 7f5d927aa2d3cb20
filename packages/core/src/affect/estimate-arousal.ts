import {
  ENGLISH_AROUSAL_LEXICON,
  JAPANESE_AROUSAL_LEXICON,
  type LexiconEntry,
  type LexiconFeature,
} from './arousal-lexicon.js';

/** The cues arousal estimation looks for. */
export type ArousalFeatureName =
  | 'exclamation'
  | 'question'
  | 'repetition'
  | 'elongation'
  | 'capitals'
  | 'emoji'
  | 'sustained'
  | LexiconFeature;

/** One cue that fired: its share of the estimate and what in the text triggered it. */
export interface ArousalFeature {
  name: ArousalFeatureName;
  /** 0..1; features combine as independent causes: arousal = 1 - Π(1 - contribution). */
  contribution: number;
  evidence: string[];
}

/** An arousal estimate 0..1 and the features behind it. */
export interface ArousalEstimate {
  arousal: number;
  features: ArousalFeature[];
}

/** How much each cue contributes; all in one place so the estimate can be read and tuned. */
export const AROUSAL_ESTIMATE_DEFAULTS = Object.freeze({
  /** n exclamation marks contribute 1 - (1 - this)^n, up to `exclamationMax`. @default 0.2 */
  exclamationStep: 0.2,
  /** @default 0.5 */
  exclamationMax: 0.5,
  /** Per question mark, up to `questionMax`. @default 0.08 */
  questionStep: 0.08,
  /** @default 0.16 */
  questionMax: 0.16,
  /** A repeated word or run of 3+ kana/kanji (だいすきだいすき, "no no"). @default 0.2 */
  repetition: 0.2,
  /** Stretched letters (sooo, あああ, ーー). @default 0.2 */
  elongation: 0.2,
  /** Two or more words in capitals. @default 0.3 */
  capitals: 0.3,
  /** A strongly emotional emoji (😭, 😡, ❤️); any other pictograph counts `emojiOther`. @default 0.3 */
  emojiStrong: 0.3,
  /** @default 0.12 */
  emojiOther: 0.12,
  /** Within a lexicon feature: the strongest word plus this share of the others. @default 0.3 */
  lexiconOthersShare: 0.3,
  /** Each intensifier (すぎる, 止まらない, "so") moves emotional content this share of the way to 1, at most twice. @default 0.3 */
  intensifierLift: 0.3,
  /** An intensifier with no emotional content to lift. @default 0.08 */
  intensifierAlone: 0.08,
  /** A long passage (at least `sustainedMinLength` characters) with 3+ emotional cues adds this per cue past 2, up to 0.3. @default 0.1 */
  sustainedStep: 0.1,
  /** @default 80 */
  sustainedMinLength: 80,
});

const STRONG_EMOJI = /[😭😍🥰😡🤬😱😤💢💕💖💔😢🎉🤣😂🥺😰😨]|❤️?/gu;
const ANY_EMOJI = /\p{Extended_Pictographic}/gu;
const REPEATED_RUN = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{3,8})\1/gu;
const REPEATED_WORD = /\b([a-z]+)\b[\s,]+\1\b/g;
const ELONGATED = /(\p{L})\1{2,}|[ー〜~]{2,}|っ{2,}/gu;
const CAPITAL_WORD = /\b[A-Z]{3,}\b/g;
const ENGLISH_WORD = /[a-z]+(?:'[a-z]+)?/g;
const JAPANESE_ENTRIES = [...JAPANESE_AROUSAL_LEXICON].sort((a, b) => b[0].length - a[0].length);
const ENGLISH_PHRASES = [...ENGLISH_AROUSAL_LEXICON].filter(([word]) => word.includes(' '));
const ENGLISH_PREFIXES = [...ENGLISH_AROUSAL_LEXICON]
  .filter(([word]) => word.endsWith('*'))
  .map(([word, entry]) => [word.slice(0, -1), entry] as const);

/**
 * Estimates how emotionally intense a text is, 0 (flat) .. 1 (overwhelming), with no model:
 * exclamation and question marks, repetition, stretched letters, capitals, emoji, a graded intensity
 * lexicon in English and Japanese (嬉しい < 狂喜), tears and bodily reactions, intensifiers and long
 * emotional passages. Returns the features that fired, so the number can be explained.
 */
export function estimateArousal(text: string): ArousalEstimate {
  const defaults = AROUSAL_ESTIMATE_DEFAULTS;
  const normalized = typeof text === 'string' ? text.normalize('NFKC') : '';
  const lower = normalized.toLowerCase();
  const features: ArousalFeature[] = [];
  const add = (name: ArousalFeatureName, contribution: number, evidence: string[]) => {
    if (contribution > 0) features.push({ name, contribution: Math.min(1, contribution), evidence });
  };

  const exclamations = count(normalized, '!');
  add(
    'exclamation',
    Math.min(defaults.exclamationMax, 1 - (1 - defaults.exclamationStep) ** exclamations),
    exclamations ? [`${exclamations}x !`] : [],
  );
  const questions = count(normalized, '?');
  add(
    'question',
    Math.min(defaults.questionMax, defaults.questionStep * questions),
    questions ? [`${questions}x ?`] : [],
  );
  const repeats = [...matches(normalized, REPEATED_RUN), ...matches(lower, REPEATED_WORD)];
  add('repetition', repeats.length ? defaults.repetition : 0, repeats);
  const stretched = matches(normalized, ELONGATED);
  add('elongation', stretched.length ? defaults.elongation : 0, stretched);
  const capitals = matches(normalized, CAPITAL_WORD);
  add('capitals', capitals.length >= 2 ? defaults.capitals : 0, capitals);
  const strong = matches(normalized, STRONG_EMOJI);
  const pictographs = matches(normalized, ANY_EMOJI);
  add(
    'emoji',
    strong.length ? defaults.emojiStrong : pictographs.length ? defaults.emojiOther : 0,
    strong.length ? strong : pictographs,
  );

  const found = findLexiconEntries(normalized, lower);
  const intensifiers = found.filter((hit) => hit.entry.feature === 'intensifier').map((hit) => hit.word);
  const lifts = Math.min(2, intensifiers.length);
  let emotionalCues = 0;
  for (const feature of ['emotion_word', 'tears', 'body'] as const) {
    const hits = found.filter((hit) => hit.entry.feature === feature).sort((a, b) => b.entry.weight - a.entry.weight);
    if (hits.length === 0) continue;
    emotionalCues += hits.length;
    let contribution =
      hits[0]!.entry.weight +
      defaults.lexiconOthersShare * hits.slice(1).reduce((sum, hit) => sum + hit.entry.weight, 0);
    contribution = Math.min(0.95, contribution);
    for (let lift = 0; lift < lifts; lift++) contribution += (1 - contribution) * defaults.intensifierLift;
    add(
      feature,
      contribution,
      hits.map((hit) => hit.word),
    );
  }
  if (intensifiers.length > 0) {
    // With emotional content the intensifiers already lifted it above; alone they add a little.
    features.push({
      name: 'intensifier',
      contribution: emotionalCues > 0 ? 0 : defaults.intensifierAlone,
      evidence: intensifiers,
    });
  }
  if (normalized.length >= defaults.sustainedMinLength && emotionalCues >= 3) {
    add('sustained', Math.min(0.3, defaults.sustainedStep * (emotionalCues - 2)), [
      `${emotionalCues} emotional cues in ${normalized.length} characters`,
    ]);
  }

  const arousal = 1 - features.reduce((calm, feature) => calm * (1 - feature.contribution), 1);
  return { arousal: Math.min(1, Math.max(0, arousal)), features };
}

interface LexiconHit {
  word: string;
  entry: LexiconEntry;
}

/** Each lexicon entry found in the text, once; Japanese longest-first so overlapping shorter entries are not counted again. */
function findLexiconEntries(normalized: string, lower: string): LexiconHit[] {
  const hits: LexiconHit[] = [];
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(normalized)) {
    let rest = normalized;
    for (const [word, entry] of JAPANESE_ENTRIES) {
      if (!rest.includes(word)) continue;
      hits.push({ word, entry });
      rest = rest.replaceAll(word, '\u0000'.repeat(word.length));
    }
  }
  if (/[a-z]/.test(lower)) {
    const seen = new Set<string>();
    for (const [phrase, entry] of ENGLISH_PHRASES) {
      if (lower.includes(phrase)) {
        hits.push({ word: phrase, entry });
        seen.add(phrase);
      }
    }
    for (const match of lower.matchAll(ENGLISH_WORD)) {
      const word = match[0];
      if (seen.has(word)) continue;
      const entry =
        ENGLISH_AROUSAL_LEXICON.get(word) ?? ENGLISH_PREFIXES.find(([prefix]) => word.startsWith(prefix))?.[1];
      if (!entry) continue;
      seen.add(word);
      hits.push({ word, entry });
    }
  }
  return hits;
}

function count(text: string, character: string): number {
  let total = 0;
  for (let index = text.indexOf(character); index >= 0; index = text.indexOf(character, index + 1)) total++;
  return total;
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[0]).slice(0, 5);
}

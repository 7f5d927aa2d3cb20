// The text-level measure of a memory block (issue 13): what counts is the words a model reads, not the
// ids a block lists. Kept apart from core's search tokenizer on purpose: the metric must not share
// the code it judges (no stemming, no thesaurus, no expansion), so a word counts only when the same
// surface word is in the rendered text.

/** Function words and fillers that carry no fact; left out of content words with every word of two letters or fewer. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'about above after again against all and any are as because been before being below between both but can could ' +
    'did does doing down during each few for from further had has have having her here hers herself him himself his ' +
    'how into its itself just more most myself nor not now off once only other our ours ourselves out over own same ' +
    'she should some such than that the their theirs them themselves then there these they this those through too ' +
    'under until very was were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves also really yeah hey okay dont didnt doesnt isnt wasnt thats its ive youre lol haha hahaha wow'
  ).split(' '),
);

/** Japanese particles, auxiliaries and fillers of three kana or more (shorter ones fall to the length rule). */
const JAPANESE_STOP_WORDS: ReadonlySet<string> = new Set(
  'ですね でした ました ません ください けれど けれども でしょう だった だから それで そして ところで なんか ちょっと すごい とても'.split(
    ' ',
  ),
);

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const HAS_KANJI_OR_KATAKANA = /[\p{Script=Han}\p{Script=Katakana}]/u;
const IS_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
const IS_JAPANESE = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u;

/**
 * The content words of a text, lower-cased, in order of first appearance: Latin words and numbers
 * of three characters or more outside {@link STOP_WORDS}; in Japanese (segmented with
 * `Intl.Segmenter`), words with a kanji or katakana character, and kana-only words of three or more
 * outside the particle list.
 */
export function contentWords(text: string): string[] {
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    if (IS_JAPANESE.test(segment)) {
      if (
        HAS_KANJI_OR_KATAKANA.test(segment) ||
        (IS_HIRAGANA.test(segment) && segment.length >= 3 && !JAPANESE_STOP_WORDS.has(segment))
      )
        words.add(segment);
      continue;
    }
    for (const word of segment.split(/[^\p{L}\p{N}]+/u)) if (word.length > 2 && !STOP_WORDS.has(word)) words.add(word);
  }
  return [...words];
}

/** The set of content words a rendered block holds, to test many turns against it. */
export function contentWordSet(text: string): ReadonlySet<string> {
  return new Set(contentWords(text));
}

/** Share of a text's content words found in the block (1 when the text has none). */
export function wordCoverage(text: string, block: ReadonlySet<string>): number {
  const words = contentWords(text);
  if (words.length === 0) return 1;
  return words.filter((word) => block.has(word)).length / words.length;
}

/** An evidence turn is in the block when at least this share of its content words are. */
export const EVIDENCE_TEXT_THRESHOLD = 0.6;

/** Share of evidence texts whose content is in the block by the 60 % rule (1 when there is no evidence). */
export function evidenceTextRecall(evidenceTexts: readonly string[], block: ReadonlySet<string>): number {
  if (evidenceTexts.length === 0) return 1;
  return (
    evidenceTexts.filter((text) => wordCoverage(text, block) >= EVIDENCE_TEXT_THRESHOLD).length / evidenceTexts.length
  );
}

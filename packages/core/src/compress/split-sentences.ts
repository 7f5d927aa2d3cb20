// Sentence and clause boundaries for extractive summaries, in English and Japanese. Intl.Segmenter
// (ICU) finds sentence ends including 。！？; it splits after abbreviations such as "Mr.", which are
// glued back here.
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION = /(?:^|\s)(?:mr|mrs|ms|dr|prof|st|sr|jr|vs|etc|e\.g|i\.e|no|approx|dept|mt|ft)\.\s*$/i;
const CLAUSE_END = /(?<=[,;:—])\s+|(?<=[、，；：])\s*/u;

/** The sentences of a text, trimmed, in order; never empty pieces. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of sentenceSegmenter.segment(text)) {
    pending += segment;
    if (ABBREVIATION.test(pending)) continue;
    const trimmed = pending.trim();
    if (trimmed.length > 0) sentences.push(trimmed);
    pending = '';
  }
  const rest = pending.trim();
  if (rest.length > 0) sentences.push(rest);
  return sentences;
}

/** The clauses of one sentence (split after commas, semicolons, colons and dashes, also 、); never empty pieces. */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(CLAUSE_END)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

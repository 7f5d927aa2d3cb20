// Sentence and clause boundaries for extractive summaries, in English and Japanese. Intl.Segmenter
// (ICU) finds sentence ends including 。！？; it splits after abbreviations such as "Mr.", which are
// glued back here.
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION = /(?:^|\s)(?:mr|mrs|ms|dr|prof|st|sr|jr|vs|etc|e\.g|i\.e|no|approx|dept|mt|ft)\.\s*$/i;
const CLAUSE_END = /(?<=[,;:—])\s+|(?<=[、，；：])\s*/u;

/** A speaker label opening an utterance: "Caroline:", "Assistant:", "田中：". */
export const SPEAKER_LABEL = /(?:\p{Lu}|\p{Script=Han}|\p{Script=Katakana})[^\n:：]{0,40}?[:：]/u;
const LABEL_ONLY = new RegExp(`^${SPEAKER_LABEL.source}$`, 'u');

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

/** The clauses of one sentence (split after commas, semicolons, colons and dashes, also 、; a speaker label stays with its clause); never empty pieces. */
export function splitClauses(sentence: string): string[] {
  const clauses: string[] = [];
  let label = '';
  for (const piece of sentence.split(CLAUSE_END)) {
    const clause = piece.trim();
    if (clause.length === 0) continue;
    // A speaker label says who said the next clause; on its own it carries nothing.
    if (LABEL_ONLY.test(clause)) label += clause.endsWith('：') ? clause : `${clause} `;
    else {
      clauses.push(label + clause);
      label = '';
    }
  }
  if (label) clauses.push(label.trim());
  return clauses;
}

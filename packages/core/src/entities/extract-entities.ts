import { ENGLISH_STOPWORDS } from '../text/english-stopwords.js';

/** A name found in a memory's text. */
export interface EntityMention {
  /** The name as written (possessive `'s` dropped). */
  readonly name: string;
  /** {@link entityKey} of the name: what links point to. */
  readonly key: string;
  /**
   * `certain`: written as `[[Name]]`, or found where only a name fits. `possible`: a capitalised word
   * opening a sentence, which counts only when the namespace already knows that entity.
   */
  readonly confidence: 'certain' | 'possible';
  /**
   * For a capitalised run opening a sentence ("Took Miso"): the run without its first word, which
   * stands instead of the whole run when the namespace knows it.
   */
  readonly tail?: EntityMention;
}

/** Most mentions kept per memory (the first ones in the text). */
export const MAX_MENTIONS_PER_MEMORY = 16;

/** Longest name accepted, in characters. */
const MAX_NAME_LENGTH = 80;

/** Capitalised words that open sentences without naming anyone, besides the English stopwords. */
const SENTENCE_OPENERS = new Set(
  (
    'hello wow yes no thanks thank sure great awesome cool well congrats congratulations sorry glad nice haha lol aww yay hmm ' +
    'please actually definitely absolutely totally exactly maybe anyway btw omg ah ahh agreed right true good love ' +
    'look check guess sounds sounded seems let lets here there that this what when where why who how yep yup woah whoa oof ' +
    'woohoo ha bye cheers plus gotta gonna wanna yesterday today tomorrow tonight lately recently last next since'
  ).split(' '),
);

/** Capitalised words that are never entities on their own: calendar words and the pronoun I. */
const NEVER_ENTITIES = new Set(
  (
    'i monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december mr mrs ms dr'
  ).split(' '),
);

/** Lowercase words allowed inside a multi-word name ("Bank of America", "Leonardo da Vinci"). */
const NAME_CONNECTORS = new Set(['of', 'de', 'da', 'van', 'von', 'la', 'le', 'del', 'the', 'and', '&']);

const WIKI_LINK = /\[\[([^[\]|\n]{1,80})(?:\|[^[\]\n]{0,80})?\]\]/gu;
const QUOTED_TITLE = /["“]([^"“”\n]{2,60})["”]|[「『]([^「」『』\n]{2,40})[」』]/gu;
const SPEAKER_LABEL = /^[ \t]*(\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){0,2}):[ \t]/u;
// A capitalised word (not inside another word) or a connector that may sit inside a name.
const NAME_WORD =
  /(?<![\p{L}\p{M}\p{N}'’])(?:\p{Lu}[\p{L}\p{M}\p{N}]*(?:['’.&-][\p{L}\p{M}\p{N}]+)*|of|de|da|van|von|la|le|del|the|and|&)(?![\p{L}\p{M}\p{N}])/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const SENTENCE_BREAK = /[.!?…。！？:;\n"“”()[\]]/u;
const KATAKANA_RUN = /[\p{Script=Katakana}ー・]{2,}/gu;
const HONORIFIC_NAME =
  /([\p{Script=Han}]{1,4}|[\p{Script=Katakana}ー]{2,})(?:さん|さま|様|くん|君|ちゃん|先生|先輩|氏|部長|課長|社長)/gu;
const PLACE_NAME = /[\p{Script=Han}]{1,4}(?:都|道|府|県|市|区|町|村|駅|島)(?![\p{Script=Han}])/gu;

/** The normalised form of a name that identifies its entity in a namespace ("Melanie's" -> "melanie"). */
export function entityKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/gu, ' ')
    .trim()
    .replace(/['’]s$/u, '')
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
}

/**
 * Names mentioned in a text, found without a model: `[[Name]]` links; in English, runs of
 * capitalised words (sentence openers only as `possible`), speaker labels ("Ana: ...") and quoted
 * titles; in Japanese, katakana words, kanji or katakana names before an honorific (田中さん) and
 * kanji place names (横浜市). Deduplicated by key, in order of appearance.
 */
export function extractEntities(text: string): EntityMention[] {
  const found = new Map<string, EntityMention>();
  const mention = (rawName: string, confidence: EntityMention['confidence']): EntityMention | null => {
    const name = rawName.trim().replace(/['’]s$/u, '');
    const key = entityKey(name);
    if (key.length === 0 || name.length > MAX_NAME_LENGTH || NEVER_ENTITIES.has(key)) return null;
    return { name, key, confidence };
  };
  const add = (rawName: string, confidence: EntityMention['confidence'], tailName?: string) => {
    const candidate = mention(rawName, confidence);
    if (candidate === null) return;
    const tail = tailName === undefined ? null : mention(tailName, 'possible');
    const next = tail ? { ...candidate, tail } : candidate;
    const existing = found.get(next.key);
    if (existing === undefined) found.set(next.key, next);
    else if (existing.confidence === 'possible' && confidence === 'certain')
      found.set(next.key, { ...existing, confidence });
  };
  for (const match of text.matchAll(WIKI_LINK)) add(match[1]!, 'certain');
  const plain = text.replace(WIKI_LINK, (whole) => ' '.repeat(whole.length));
  const speaker = SPEAKER_LABEL.exec(plain);
  if (speaker) add(speaker[1]!, 'certain');
  for (const match of plain.matchAll(QUOTED_TITLE)) {
    const title = (match[1] ?? match[2])!;
    // English titles start with a capital; Japanese quotes hold titles and proper names.
    if (match[2] !== undefined || /^\p{Lu}/u.test(title)) add(title, 'certain');
  }
  for (const run of capitalisedRuns(plain)) add(run.name, run.confidence, run.tail);
  for (const match of plain.matchAll(HONORIFIC_NAME)) add(match[1]!, 'certain');
  for (const match of plain.matchAll(PLACE_NAME)) add(match[0], 'certain');
  for (const match of plain.matchAll(KATAKANA_RUN)) add(match[0].replace(/^・+|・+$/gu, ''), 'certain');
  return [...found.values()].slice(0, MAX_MENTIONS_PER_MEMORY);
}

interface WordToken {
  text: string;
  capitalised: boolean;
  sentenceStart: boolean;
  /** No punctuation other than spaces between this word and the previous one. */
  joinsPrevious: boolean;
}

/** Runs of capitalised words (with connectors inside), as names. */
function capitalisedRuns(text: string): { name: string; confidence: EntityMention['confidence']; tail?: string }[] {
  // Only capitalised words and connectors become tokens: most words of a text are skipped by the regex itself.
  const tokens: WordToken[] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(NAME_WORD)) {
    const word = match[0];
    tokens.push({
      text: word,
      capitalised: !NAME_CONNECTORS.has(word),
      sentenceStart: SENTENCE_BREAK.test(gapBefore(text, match.index)),
      joinsPrevious: previousEnd >= 0 && /^[ \t]+$/u.test(text.slice(previousEnd, match.index)),
    });
    previousEnd = match.index + word.length;
  }
  const runs: { name: string; confidence: EntityMention['confidence']; tail?: string }[] = [];
  let index = 0;
  while (index < tokens.length) {
    if (!tokens[index]!.capitalised) {
      index++;
      continue;
    }
    let words = [tokens[index]!];
    let next = index + 1;
    while (next < tokens.length && tokens[next]!.joinsPrevious) {
      const token = tokens[next]!;
      if (token.capitalised) words.push(token);
      else if (NAME_CONNECTORS.has(token.text) && tokens[next + 1]?.capitalised && tokens[next + 1]!.joinsPrevious)
        words.push(token);
      else break;
      next++;
    }
    index = next;
    let confidence: EntityMention['confidence'] = 'certain';
    if (words[0]!.sentenceStart) {
      const opener = words[0]!.text.toLowerCase().replace(/['’].*$/u, '');
      if (ENGLISH_STOPWORDS.has(opener) || SENTENCE_OPENERS.has(opener) || NEVER_ENTITIES.has(opener))
        words = words.slice(1);
      else if (words.length === 1) confidence = 'possible';
    }
    // Trim connectors, calendar words and "I" from both ends ("Last Friday", "Yesterday I").
    const trimmable = (word: WordToken) =>
      NAME_CONNECTORS.has(word.text) || NEVER_ENTITIES.has(word.text.toLowerCase()) || isPronounLike(word.text);
    while (words.length > 0 && trimmable(words[0]!)) words = words.slice(1);
    while (words.length > 0 && trimmable(words.at(-1)!)) words = words.slice(0, -1);
    if (words.length === 1 && words[0]!.sentenceStart) confidence = 'possible';
    if (words.length === 0) continue;
    const name = words.map((word) => word.text).join(' ');
    // A run opening a sentence may start with an ordinary word ("Took Miso"): keep the rest as an alternative.
    const tail =
      words.length > 1 && words[0]!.sentenceStart
        ? words
            .slice(1)
            .map((word) => word.text)
            .join(' ')
        : undefined;
    runs.push({ name, confidence, tail });
  }
  return runs;
}

/** The non-word characters just before `index` ("" inside a word run; "^" marks the start of the text). */
function gapBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !WORD_CHAR.test(text[start - 1]!)) start--;
  return start === 0 ? `\n${text.slice(0, index)}` : text.slice(start, index);
}

/** "I'm", "I've", "OK" and similar capitalised forms that never name anything. */
function isPronounLike(word: string): boolean {
  return /^I(?:['’]\w+)?$/u.test(word) || /^(?:OK|Ok)$/u.test(word);
}

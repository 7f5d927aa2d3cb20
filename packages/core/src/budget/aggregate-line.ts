import type { MemoryRecord } from '../records/memory-record.js';
import { ENGLISH_STOPWORDS } from '../text/english-stopwords.js';
import { escapeMemoryText } from './escape-memory-text.js';

export const AGGREGATE_LINE_DEFAULTS = Object.freeze({
  /** Topic words named on the line. @default 2 */
  maxTopics: 2,
});

// Topic candidates as written: lowercase English words of 4+ letters (capitalised words are
// mostly names and sentence starts) and runs of 2+ kanji or katakana.
const TOPIC_WORD = /(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]{3,}|[\p{Script=Han}]{2,}|[\p{Script=Katakana}ー]{2,}/gu;
const CHATTER: ReadonlySet<string> = new Set('that’s it’s i’m don’t can’t didn’t thanks thank sounds great glad amazing awesome cool nice good love lots much pretty totally definitely always something anything everything things thing feel feels felt time times know think want wanna gonna going been like sure well even still though'.split(' '));

const NOUNS: Readonly<Partial<Record<MemoryRecord['kind'], [string, string]>>> = {
  episode: ['conversation', 'conversations'],
  fact: ['fact', 'facts'],
  preference: ['preference', 'preferences'],
  instruction: ['instruction', 'instructions'],
};

/**
 * The one line that stands for memories folded away: "… and 3 everyday conversations about
 * cooking, hiking". The topics are the words most of them share (found in at least two of them,
 * or in the only one); the line carries no content beyond that.
 */
export function aggregateLine(records: readonly MemoryRecord[], options: { maxTopics?: number } = {}): string {
  const count = records.length;
  const kinds = new Set(records.map((record) => record.kind));
  const nouns = (kinds.size === 1 ? NOUNS[records[0]!.kind] : undefined) ?? ['memory', 'memories'];
  const topics = topicWords(records, options.maxTopics ?? AGGREGATE_LINE_DEFAULTS.maxTopics);
  const about = topics.length > 0 ? ` about ${escapeMemoryText(topics.join(', '))}` : '';
  return `… and ${count} everyday ${count === 1 ? nouns[0] : nouns[1]}${about}`;
}

// Packing re-renders the line as members come and go: each record's words are found once.
const wordsOf = new WeakMap<MemoryRecord, readonly string[]>();

function topicWords(records: readonly MemoryRecord[], maxTopics: number): string[] {
  const documents = new Map<string, number>();
  const occurrences = new Map<string, number>();
  // Topic words tend to come early: ties go to the word with the earliest mean position.
  const positions = new Map<string, number>();
  for (const record of records) {
    let words = wordsOf.get(record);
    if (words === undefined) wordsOf.set(record, (words = candidateWords(record.text)));
    const seen = new Set<string>();
    words.forEach((word, position) => {
      occurrences.set(word, (occurrences.get(word) ?? 0) + 1);
      if (!seen.has(word)) {
        documents.set(word, (documents.get(word) ?? 0) + 1);
        positions.set(word, (positions.get(word) ?? 0) + position);
      }
      seen.add(word);
    });
  }
  const minDocuments = records.length === 1 ? 1 : 2;
  const meanPosition = (word: string) => positions.get(word)! / documents.get(word)!;
  return [...documents.entries()]
    .filter(([, inDocuments]) => inDocuments >= minDocuments)
    .sort((a, b) => b[1] - a[1] || occurrences.get(b[0])! - occurrences.get(a[0])! || meanPosition(a[0]) - meanPosition(b[0]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTopics)
    .map(([word]) => word);
}

function candidateWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(TOPIC_WORD)) {
    const word = match[0].replace(/['’]s$/u, '');
    if (!ENGLISH_STOPWORDS.has(word) && !CHATTER.has(word)) words.push(word);
  }
  return words;
}

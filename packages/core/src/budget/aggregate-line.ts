import type { MemoryRecord } from '../records/memory-record.js';
import { ENGLISH_STOPWORDS } from '../text/english-stopwords.js';
import { TextMemo } from '../text/text-memo.js';
import { escapeMemoryText } from './escape-memory-text.js';

export const AGGREGATE_LINE_DEFAULTS = Object.freeze({
  /** Topic words named on the line. @default 2 */
  maxTopics: 2,
});

// Topic candidates as written: lowercase English words of 4+ letters (capitalised words are
// mostly names and sentence starts) and runs of 2+ kanji or katakana.
const TOPIC_WORD = /(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]{3,}|[\p{Script=Han}]{2,}|[\p{Script=Katakana}ー]{2,}/gu;
const CHATTER: ReadonlySet<string> = new Set(
  'that’s it’s i’m don’t can’t didn’t thanks thank sounds great glad amazing awesome cool nice good love lots much pretty totally definitely always something anything everything things thing feel feels felt time times know think want wanna gonna going been like sure well even still though'.split(
    ' ',
  ),
);

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
  const builder = new AggregateLineBuilder(options);
  for (const record of records) builder.add(record);
  return builder.line() ?? '';
}

/** Builds {@link aggregateLine} incrementally as packing folds memories in and out of it. */
export class AggregateLineBuilder {
  private readonly members = new Set<MemoryRecord>();
  private readonly kinds = new Map<MemoryRecord['kind'], number>();
  private readonly documents = new Map<string, number>();
  private readonly occurrences = new Map<string, number>();
  // Topic words tend to come early: ties go to the word with the earliest mean position.
  private readonly positions = new Map<string, number>();
  private cached: string | null = null;
  private readonly maxTopics: number;

  constructor(options: { maxTopics?: number } = {}) {
    this.maxTopics = options.maxTopics ?? AGGREGATE_LINE_DEFAULTS.maxTopics;
  }

  get size(): number {
    return this.members.size;
  }

  add(record: MemoryRecord): void {
    if (this.members.has(record)) return;
    this.members.add(record);
    this.update(record, 1);
  }

  remove(record: MemoryRecord): void {
    if (!this.members.delete(record)) return;
    this.update(record, -1);
  }

  /** The line for the current members, or null when there are none. */
  line(): string | null {
    if (this.members.size === 0) return null;
    if (this.cached !== null) return this.cached;
    const count = this.members.size;
    const [firstKind] = this.kinds.keys();
    const nouns = (this.kinds.size === 1 ? NOUNS[firstKind!] : undefined) ?? ['memory', 'memories'];
    const topics = this.topics();
    const about = topics.length > 0 ? ` about ${escapeMemoryText(topics.join(', '))}` : '';
    return (this.cached = `… and ${count} everyday ${count === 1 ? nouns[0] : nouns[1]}${about}`);
  }

  private update(record: MemoryRecord, delta: 1 | -1): void {
    this.cached = null;
    bump(this.kinds, record.kind, delta);
    const seen = new Set<string>();
    wordsOf(record).forEach((word, position) => {
      bump(this.occurrences, word, delta);
      if (seen.has(word)) return;
      seen.add(word);
      bump(this.documents, word, delta);
      bump(this.positions, word, delta * position);
    });
  }

  private topics(): string[] {
    const minDocuments = this.members.size === 1 ? 1 : 2;
    const meanPosition = (word: string) => (this.positions.get(word) ?? 0) / this.documents.get(word)!;
    const before = (a: string, b: string) =>
      this.documents.get(b)! - this.documents.get(a)! ||
      this.occurrences.get(b)! - this.occurrences.get(a)! ||
      meanPosition(a) - meanPosition(b) ||
      (a < b ? -1 : 1);
    const best: string[] = [];
    for (const [word, inDocuments] of this.documents) {
      if (inDocuments < minDocuments) continue;
      // Keep the few best in order: a linear pass, not a sort of every word.
      let at = best.length;
      while (at > 0 && before(word, best[at - 1]!) < 0) at--;
      if (at < this.maxTopics) {
        best.splice(at, 0, word);
        if (best.length > this.maxTopics) best.pop();
      }
    }
    return best;
  }
}

function bump<K>(counts: Map<K, number>, key: K, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}

// Packing re-renders the line as members come and go, and the same memories come back call after
// call: each text's words are found once.
const wordMemo = new TextMemo<readonly string[]>(20_000);

function wordsOf(record: MemoryRecord): readonly string[] {
  return wordMemo.get(record.text, () => candidateWords(record.text));
}

function candidateWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(TOPIC_WORD)) {
    const word = match[0].replace(/['’]s$/u, '');
    if (!ENGLISH_STOPWORDS.has(word) && !CHATTER.has(word)) words.push(word);
  }
  return words;
}

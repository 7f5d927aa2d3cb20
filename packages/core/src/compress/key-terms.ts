import { ENGLISH_STOPWORDS } from '../text/english-stopwords.js';
import { TextMemo } from '../text/text-memo.js';
import { normalizeForSearch, tokenizeForSearch } from '../text/tokenize-for-search.js';

/** What a faithful summary must keep: names, numbers and dates as written, and the main search terms. */
export interface KeyTerms {
  /** Capitalised names (English), katakana words and honorific-marked names (Japanese), as written. */
  names: string[];
  /** Numbers outside dates, NFKC-normalised ("１２" is "12"). */
  numbers: string[];
  /** Dates and time expressions ("8 May 2023", "last week", "yesterday", "5月3日", "先週"). */
  dates: string[];
  /** The most frequent search terms (English stems, CJK bigrams), most frequent first. */
  terms: string[];
}

/** How many key terms `extractKeyTerms` keeps. */
export const KEY_TERMS_DEFAULTS = Object.freeze({
  /** How many frequent search terms count as key terms. @default 10 */
  maxTerms: 10,
});

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const DATE = new RegExp(
  [
    String.raw`\b\d{4}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b`,
    String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b(?:,?\s+\d{4})?`,
    String.raw`\b${MONTH}\s+\d{4}\b`,
    String.raw`\b(?:last|next|this)\s+(?:week(?:end)?|month|year|night|summer|winter|spring|fall|${WEEKDAY})\b`,
    String.raw`\b(?:\d+|a|an|a few|a couple of|few|several)\s+(?:days?|weeks?|months?|years?)\s+ago\b`,
    String.raw`\b(?:yesterday|today|tomorrow|tonight)\b`,
    String.raw`\b${WEEKDAY}\b`,
    String.raw`\d+年(?:\d+月)?(?:\d+日)?`,
    String.raw`\d+月(?:\d+日)?`,
    String.raw`\d+日`,
    '一昨日|昨日|今日|明日|明後日|先週|今週|来週|先月|今月|来月|去年|昨年|今年|来年|[月火水木金土日]曜日?',
  ].join('|'),
  'giu',
);
const NUMBER = /\d+(?:[.,:]\d+)*/gu;
const CAPITALISED = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{L}\p{M}\p{N}'’-]*/gu;
const SENTENCE_START = /(?:^|[.!?。！？:]\s*|\n\s*)$/u;
const KATAKANA_WORD = /[\p{Script=Katakana}ー]{2,}/gu;
const HONORIFIC_NAME = /\p{Script=Han}{1,4}(?=さん|くん|君|ちゃん|様|さま|先生|氏)/gu;
// CJK bigrams with a kana particle or a single character are glue ("日に", "月"); katakana pieces
// repeat a katakana word already kept whole among the names.
const WEAK_CJK_TERM = /\p{Script=Hiragana}|^[\p{Script=Han}\p{Script=Katakana}]$|^[\p{Script=Katakana}ー]+$/u;
const TITLE_BEFORE = /\b(?:mr|mrs|ms|dr|prof|st)\.\s*$/iu;
const NOT_NAMES: ReadonlySet<string> = new Set(
  'i mr mrs ms dr prof st january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow tonight'.split(
    ' ',
  ),
);
// Chat roles: as speaker labels ("User:", "アシスタント：") they name no one.
const ROLE_LABELS: ReadonlySet<string> = new Set([
  'user',
  'assistant',
  'system',
  'human',
  'ai',
  'bot',
  'ユーザー',
  'アシスタント',
]);
// Capitalised only because they open a sentence; other sentence-initial capitals count as names.
const SENTENCE_STARTERS: ReadonlySet<string> = new Set(
  'hey hello thanks thank wow great yes yep nope well anyway sure sorry please maybe actually honestly totally definitely absolutely awesome cool nice good glad lol haha btw last next one two let lets let’s went got had made did said just still even though although because since after before then now congrats congratulations wish hope love like'.split(
    ' ',
  ),
);

const memo = new TextMemo<KeyTerms>(20_000);

/** The names, numbers, dates and frequent terms of a text (English and Japanese). Treat the result as read-only. */
export function extractKeyTerms(text: string, options: { maxTerms?: number } = {}): KeyTerms {
  const maxTerms = options.maxTerms ?? KEY_TERMS_DEFAULTS.maxTerms;
  return memo.get(`${maxTerms}\u0000${text}`, () => computeKeyTerms(text, maxTerms));
}

function computeKeyTerms(text: string, maxTerms: number): KeyTerms {
  const normalized = text.normalize('NFKC');
  const dates = unique([...normalized.matchAll(DATE)].map((match) => match[0]));
  const withoutDates = normalized.replace(DATE, ' ');
  const numbers = unique([...withoutDates.matchAll(NUMBER)].map((match) => match[0]));
  return { names: findNames(normalized), numbers, dates, terms: frequentTerms(normalized, maxTerms) };
}

/** Every key term as one list (surface forms first, then search terms). */
export function keyTermList(keyTerms: KeyTerms): string[] {
  return [...keyTerms.names, ...keyTerms.numbers, ...keyTerms.dates, ...keyTerms.terms];
}

/** True when `text` keeps a surface key term (name, number or date), compared after search normalisation. */
export function containsTerm(normalizedText: string, term: string): boolean {
  return normalizedText.includes(normalizeForSearch(term));
}

function findNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CAPITALISED)) {
    const word = match[0].replace(/['’]s$/u, '').replace(/['’-]+$/u, '');
    const lower = word.toLowerCase();
    if (word.length < 2 || ENGLISH_STOPWORDS.has(lower) || NOT_NAMES.has(lower)) continue;
    if (isRoleLabel(lower, text, match.index + match[0].length)) continue;
    const before = text.slice(0, match.index);
    const atSentenceStart = SENTENCE_START.test(before) && !TITLE_BEFORE.test(before);
    // A sentence-initial capital is a name unless it is a common sentence opener ("Great", "Thanks").
    if (!atSentenceStart || !SENTENCE_STARTERS.has(lower)) names.push(word);
  }
  for (const match of text.matchAll(KATAKANA_WORD)) {
    if (!isRoleLabel(match[0], text, match.index + match[0].length)) names.push(match[0]);
  }
  for (const match of text.matchAll(HONORIFIC_NAME)) names.push(match[0]);
  return unique(names);
}

function frequentTerms(text: string, maxTerms: number): string[] {
  const counts = new Map<string, number>();
  for (const term of tokenizeForSearch(text)) {
    if (WEAK_CJK_TERM.test(term) || /^\d+$/u.test(term)) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  // Map iteration keeps first-occurrence order, so the stable sort breaks ties by position.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxTerms)
    .map(([term]) => term);
}

/** A chat role (`ROLE_LABELS`, lowercased) written as a speaker label: followed by a colon at `end`. */
function isRoleLabel(word: string, text: string, end: number): boolean {
  return ROLE_LABELS.has(word) && /^\s*[:：]/u.test(text.slice(end));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

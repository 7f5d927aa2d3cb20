import { ENGLISH_IRREGULAR_FORMS } from './english-lemmas.js';
import { ENGLISH_STOPWORDS } from './english-stopwords.js';
import { stemEnglish } from './stem-english.js';
import { TextMemo } from './text-memo.js';

// Japanese and Chinese have no spaces. Runs of Han, kana and the prolonged-sound mark are indexed as
// overlapping character bigrams (the classic CJK search unit): 東京 is one bigram, so two-character
// words match, unlike SQLite's trigram tokenizer. Everything else splits on non-letters.
const CJK_CHAR = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc\\u3005';
const WORD_CHAR = `[^\\s\\p{P}\\p{S}${CJK_CHAR}]`;
const TOKEN = new RegExp(`[${CJK_CHAR}]+|${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*`, 'gu');
const CJK_RUN = new RegExp(`^[${CJK_CHAR}]`, 'u');
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}\u30fc]+$/u;
const HAN = /^\p{Script=Han}$/u;
const HIRAGANA = /^\p{Script=Hiragana}$/u;
const POSSESSIVE = /['’]s$/;
const LETTERS = /^\p{L}+$/u;

/** Lowercases and folds full-width forms so "ＡＢＣ", "abc" and "ABC" search alike. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * One search term per content word (English: stopwords dropped, stemmed; CJK: bigrams). A
 * hyphenated word also gives its joined form after its parts ("de-stress": de, stress, destress),
 * so it meets the spelling without the hyphen.
 */
export function tokenizeForSearch(text: string): string[] {
  const terms: string[] = [];
  let previousEnd = -1;
  let compound = '';
  for (const match of normalizeForSearch(text).matchAll(TOKEN)) {
    const token = match[0];
    if (CJK_RUN.test(token)) {
      pushCjkTerms(token, terms);
      compound = '';
      continue;
    }
    pushWordTerm(token, terms);
    // Two letter words joined by one hyphen continue a compound; anything else ends it.
    const joined =
      previousEnd >= 0 &&
      match.index === previousEnd + 1 &&
      match.input[previousEnd] === '-' &&
      compound.length > 0 &&
      LETTERS.test(token);
    if (joined) {
      compound += token;
      if (!isJoinedAgain(match.input, match.index + token.length)) pushWordTerm(compound, terms);
    } else compound = LETTERS.test(token) ? token : '';
    previousEnd = match.index + token.length;
  }
  return terms;
}

/** True when the word ending at `end` is followed by "-" and another letter (the compound goes on). */
function isJoinedAgain(text: string, end: number): boolean {
  return text[end] === '-' && end + 1 < text.length && /\p{L}/u.test(text[end + 1]!);
}

/** Word -> its search term ('' for a stopword). Words repeat a lot; stemming each once saves most of the cost. */
const termMemo = new TextMemo<string>(50_000);

function pushWordTerm(raw: string, terms: string[]): void {
  const term = termMemo.get(raw, () => searchTermOf(raw));
  if (term.length > 0) terms.push(term);
}

function searchTermOf(raw: string): string {
  const word = raw.replace(POSSESSIVE, '').replace(/['’]/g, '');
  return word.length === 0 || ENGLISH_STOPWORDS.has(word) ? '' : stemEnglish(ENGLISH_IRREGULAR_FORMS.get(word) ?? word);
}

function pushCjkTerms(run: string, terms: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    // A lone hiragana is a particle (の, に, は); a lone kanji or katakana carries meaning.
    if (!HIRAGANA_ONLY.test(run)) terms.push(run);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    terms.push(chars[i]! + chars[i + 1]!);
    // A lone kanji before its okurigana is the stem of an inflected word: 寒い, 寒さ and 寒く all give 寒.
    if (HAN.test(chars[i]!) && HIRAGANA.test(chars[i + 1]!) && (i === 0 || !HAN.test(chars[i - 1]!)))
      terms.push(chars[i]!);
  }
}

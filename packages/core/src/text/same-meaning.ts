// Whether two near-identical texts say the same thing, for the write path's dedup: a merge must never
// lose what the user said ("I don't want to move" is not "I want to move"; "item 11-1" is not
// "item 1-11"). Deliberately conservative: two texts say the same only when every word that differs
// between them, in order, is a light word (an article, an intensifier, a filler, a sentence-final
// particle). Any other difference (negation, number, date, name, content word, word order) keeps both.

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** Words whose presence or absence does not change what a sentence states. */
const LIGHT_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the really very so just quite pretty totally super truly actually honestly literally basically ' +
    'oh ah um uh er hmm well like lol haha hahaha hehe wow yeah yay hey ' +
    'ね よ な わ さ ぞ ぜ ねえ よね かな なあ ほんと 本当に とても すごく めっちゃ 超 まあ えっと あの その 笑 w ww www ー 〜'
  ).split(' '),
);

/** True for a word whose presence or absence does not change what a sentence states (an article, a filler…). */
export function isLightWord(word: string): boolean {
  return LIGHT_WORDS.has(word);
}

/** The words of a text in order: NFKC, lower-cased, apostrophes unified, English plurals folded; punctuation and spaces dropped. */
export function surfaceWords(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(
    text.normalize('NFKC').replace(/[’‘`]/gu, "'").toLowerCase(),
  )) {
    // A plural is the same word: "mornings" is "morning" (both sides fold alike, so "this" stays "this").
    if (isWordLike)
      words.push(
        segment.length > 3 && /[a-z]s$/u.test(segment) && !/(?:ss|is|us)$/u.test(segment)
          ? segment.slice(0, -1)
          : segment,
      );
  }
  return words;
}

/** The words of `a` and `b` outside their longest common subsequence: what one says and the other does not. */
export function differingWords(a: readonly string[], b: readonly string[]): string[] {
  // Dynamic programming over the two sequences; texts compared here are short (a memory each), and
  // callers compare only texts whose vectors are already near-identical.
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const differing: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) differing.push(a[i++]!);
    else differing.push(b[j++]!);
  }
  differing.push(...a.slice(i), ...b.slice(j));
  return differing;
}

/** Longest texts (in words) compared word by word; longer near-identical pairs are kept apart, never merged on a guess. */
const MAX_COMPARED_WORDS = 400;

/**
 * True when `a` and `b` state the same thing: the same words in the same order, apart from light
 * words ({@link LIGHT_WORDS}), plurals, case, width and punctuation. A negation, number, date, name or any
 * other word present in one and not the other, or the same words in another order, makes it false.
 */
export function sameMeaning(a: string, b: string): boolean {
  const wordsA = surfaceWords(a);
  const wordsB = surfaceWords(b);
  if (wordsA.length > MAX_COMPARED_WORDS || wordsB.length > MAX_COMPARED_WORDS) return false;
  return differingWords(wordsA, wordsB).every(isLightWord);
}

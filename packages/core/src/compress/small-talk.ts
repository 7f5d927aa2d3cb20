import { SPEAKER_LABEL } from './split-sentences.js';

// Greetings, thanks, laughter, agreement and cheering: what chat says to keep talking, not what happened.
const ENGLISH_SMALL_TALK: ReadonlySet<string> = new Set(
  (
    'hi hey hello hiya yo bye goodbye goodnight night morning evening thanks thank thx ty you u so much very really ' +
    'haha hahaha hehe lol lmao wow whoa omg oh ah aw aww ooh yay yes yeah yep yup no nope ok okay sure cool nice great ' +
    'awesome amazing wonderful fantastic lovely sweet perfect glad good happy congrats congratulations totally ' +
    "absolutely definitely exactly right true agree same too me i it that that’s that's thats is was sounds looks " +
    "seems what a an the and for to hear see talk soon later care take you’re you're youre doing job well done miss " +
    'love it this fun interesting incredible beautiful gorgeous how are how’s going hope am from'
  ).split(' '),
);
const JAPANESE_SMALL_TALK =
  /^(?:こんにちは|こんばんは|おはよう(?:ございます)?|ありがとう(?:ございます)?|どういたしまして|おつかれ(?:さま)?(?:です)?|お疲れ様(?:です)?|うん|はい|ええ|そう(?:だね|ですね|なんだ)?|なるほど|へー|へえ|すごい(?:ね)?|いいね|よかった(?:ね)?|おめでとう(?:ございます)?|またね|じゃあね|笑|w+|ｗ+|[！!？?、。…〜ー\s])+$/u;
const CAPITALISED = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{L}'’-]*/gu;

/**
 * True when a sentence or clause says nothing but small talk ("Hi Audrey!", "Haha, thanks Mel!",
 * "Wow, that's cool, Caroline!", "ありがとう！"): once its speaker label and the names it addresses are
 * set aside, every word is a greeting, thanks, laughter or cheering. Such a unit never makes a summary.
 */
export function isSmallTalk(text: string): boolean {
  const body = text.replace(new RegExp(`^\\s*${SPEAKER_LABEL.source}\\s*`, 'u'), '').trim();
  if (body.length === 0) return true;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(body))
    return JAPANESE_SMALL_TALK.test(body.normalize('NFKC'));
  if (/\d/u.test(body)) return false;
  // A capital inside a sentence is a name it addresses; one opening a sentence is just a word.
  const words =
    body
      .replace(CAPITALISED, (word, offset: number) =>
        offset === 0 || /[.!?]\s+$/u.test(body.slice(0, offset)) ? word : ' ',
      )
      .toLowerCase()
      .match(/[\p{L}'’]+/gu) ?? [];
  return words.every((word) => ENGLISH_SMALL_TALK.has(word));
}

import { describe, expect, it } from 'vitest';
import { differingWords, sameMeaning, surfaceWords } from './same-meaning.js';

// Pairs a dedup must keep apart: each differs in a negation, number, date, name, content word or order.
const MUST_NOT_MERGE: readonly (readonly [string, string])[] = [
  ["I don't want to move to Tokyo", 'I want to move to Tokyo'],
  ['I want to move to Tokyo', 'I never want to move to Tokyo'],
  ['I eat meat', 'I no longer eat meat'],
  ['She is coming to the party', 'She is not coming to the party'],
  ['I can swim', "I can't swim"],
  ['I can swim', 'I cannot swim'],
  ['We have met before', "We haven't met before"],
  ['He was there', "He wasn't there"],
  ['I like my job', 'I like nothing about my job'],
  ['Nobody called me today', 'Somebody called me today'],
  ['A item 1-11', 'A item 11-1'],
  ['The meeting is at 3pm', 'The meeting is at 4pm'],
  ['I paid 20 dollars', 'I paid 200 dollars'],
  ['My flight leaves on Monday', 'My flight leaves on Tuesday'],
  ['The exam is tomorrow', 'The exam is today'],
  ['The exam was yesterday', 'The exam is tomorrow'],
  ['We married in 2019', 'We married in 2021'],
  ['Her birthday is 3 May', 'Her birthday is 5 March'],
  ['Alice adopted a cat', 'Bob adopted a cat'],
  ['I met Mika in Osaka', 'I met Mika in Kyoto'],
  ['Mel loves Caroline', 'Caroline loves Mel'],
  ['The dog bit the boy', 'The boy bit the dog'],
  ['I moved from Paris to Berlin', 'I moved from Berlin to Paris'],
  ['I like cats', 'I like dogs'],
  ['I love my sister', 'I miss my sister'],
  ['I started a new job', 'I quit my new job'],
  ['My mother is sick', 'My mother was sick'],
  ['I will call her', 'I called her'],
  ['I have two brothers', 'I have three brothers'],
  ['Take the red pill', 'Take the blue pill'],
  ['I passed the exam', 'I failed the exam'],
  ['I am allergic to peanuts', 'I am allergic to shellfish'],
  ['She is my best friend', 'She was my best friend'],
  ['Call me after 9', 'Call me before 9'],
  ['I go running every morning', 'I go running every evening'],
  ['東京に引っ越したい', '東京に引っ越したくない'],
  ['猫が好き', '猫が好きじゃない'],
  ['明日は行きます', '明日は行きません'],
  ['昨日は行った', '昨日は行かなかった'],
  ['会議は3時から', '会議は4時から'],
  ['会議は月曜日', '会議は火曜日'],
  ['誕生日は五月三日', '誕生日は三月五日'],
  ['美咲と京都に行った', '健太と京都に行った'],
  ['京都から大阪へ移った', '大阪から京都へ移った'],
  ['犬を飼っている', '猫を飼っている'],
  ['仕事を辞めた', '仕事を始めた'],
  ['もう肉は食べない', '肉を食べる'],
  ['試験に合格した', '試験に落ちた'],
  ['姉が二人いる', '姉が三人いる'],
  ['来週ロンドンに行く', '先週ロンドンに行った'],
  ['ミケは元気だよ', 'ミケは元気じゃないよ'],
  ['一度も会ったことがない', '一度会ったことがある'],
];

// Pairs a dedup may fold together: case, width, punctuation, spacing, fillers, intensifiers, particles.
const MUST_MERGE: readonly (readonly [string, string])[] = [
  ['I love sushi', 'I love sushi!'],
  ['I love sushi', 'I really love sushi'],
  ['I love sushi', 'Oh, I love sushi'],
  ['I love sushi', 'I LOVE SUSHI'],
  ['The exam is tomorrow', 'The exam is tomorrow, haha'],
  ['I met Mika in Osaka', 'I met Mika in Osaka.'],
  ['She is so kind', 'She is kind'],
  ['My cat Miso hates the vet', 'my cat miso hates the vet'],
  ['We went to the beach', 'well, we went to the beach'],
  ["I can't wait", 'I can’t wait'],
  ['It was a great day', 'It was a really great day'],
  ['Um, I think so', 'I think so'],
  ['ミケは元気だよ', 'ミケは元気だよね'],
  ['明日は雨', '明日は雨！'],
  ['会議は３時から', '会議は3時から'],
  ['京都に行った', 'まあ、京都に行った'],
  ['京都に行った', '京都に行った笑'],
  ['とても楽しかった', '楽しかった'],
  ['パンを焼いた', 'パンを焼いた！'],
  ['猫が好き', '猫が好きなあ'],
  ['ピアノを弾いた〜', 'ピアノを弾いた'],
  ['The user prefers green tea in the morning', 'The user prefers green tea in the mornings'],
];

describe('sameMeaning', () => {
  it(`keeps apart ${MUST_NOT_MERGE.length} pairs that differ in negation, number, date, name, content or order (English and Japanese)`, () => {
    expect(MUST_NOT_MERGE.length).toBeGreaterThanOrEqual(50);
    for (const [a, b] of MUST_NOT_MERGE) {
      expect({ a, b, same: sameMeaning(a, b) }).toEqual({ a, b, same: false });
      expect({ a, b, same: sameMeaning(b, a) }).toEqual({ a, b, same: false });
    }
  });

  it(`folds ${MUST_MERGE.length} pairs that differ only in light words, case, width or punctuation`, () => {
    expect(MUST_MERGE.length).toBeGreaterThanOrEqual(20);
    for (const [a, b] of MUST_MERGE) {
      expect({ a, b, same: sameMeaning(a, b) }).toEqual({ a, b, same: true });
      expect({ a, b, same: sameMeaning(b, a) }).toEqual({ a, b, same: true });
    }
  });

  it('reads words in order and reports what one text says and the other does not', () => {
    expect(surfaceWords('I don’t want, to MOVE!')).toEqual(['i', "don't", 'want', 'to', 'move']);
    expect(surfaceWords('mornings this class')).toEqual(['morning', 'this', 'class']);
    expect(differingWords(['a', 'item', '1', '11'], ['a', 'item', '11', '1']).sort()).toEqual(['1', '1']);
    expect(differingWords(['x', 'y'], ['x', 'y'])).toEqual([]);
  });
});

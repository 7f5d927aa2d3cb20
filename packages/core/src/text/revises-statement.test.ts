import { describe, expect, it } from 'vitest';
import { revisesStatement } from './revises-statement.js';
import { sameMeaning } from './same-meaning.js';

// The same statement with its polarity flipped: the later replaces the earlier.
const REVISIONS: readonly [string, string][] = [
  ["I don't want to move to Tokyo", 'I want to move to Tokyo'],
  ['I want to move to Tokyo', "I don't want to move to Tokyo"],
  ['I eat meat', 'I no longer eat meat'],
  ['I eat meat', 'I do not eat meat'],
  ['Aki is vegetarian', 'Aki is not vegetarian'],
  ['We never go to the beach in summer', 'We go to the beach in summer'],
  ['東京に引っ越したい', '東京に引っ越したくない'],
  ['私は猫が好きです', '私は猫が好きではありません'],
  ['明日は会社に行きます', '明日は会社に行きません'],
];

// Not revisions: a number (a new event as often as an update), another content word, a name, an
// antonym, a different topic, or nothing changed.
const NOT_REVISIONS: readonly [string, string][] = [
  ['I love my job at the bakery', 'I hate my job at the bakery'],
  ['I want to move to Tokyo', 'I want to move to Osaka'],
  ['I have 2 cats', 'I have 3 dogs'],
  ['I have 2 cats', 'I have 3 cats'],
  [
    'Day 2: Alice practised the opening of the Moonlight Sonata twice.',
    'Day 3: Alice practised the opening of the Moonlight Sonata twice.',
  ],
  ['My sister is 30 years old', 'My sister is 31 years old'],
  ['犬を2匹飼っている', '犬を3匹飼っている'],
  ['I have 2 cats', "I don't have 3 cats"],
  ['Aki plays cello on Sundays', 'Ken plays cello on Sundays'],
  ['I want to move to Tokyo', 'I want to move to Tokyo'],
  ['I want to move to Tokyo', 'I really want to move to Tokyo'],
  ['No', 'Yes'],
  ['not now', 'now'],
  ['東京に引っ越したい', '大阪に引っ越したい'],
  ['猫が好き', '犬が好きじゃない'],
  ['Lunch was great', "Dinner wasn't great"],
];

describe('revisesStatement', () => {
  it.each(REVISIONS)('"%s" -> "%s" is a revision, and never a merge', (earlier, later) => {
    expect(revisesStatement(earlier, later)).toBe(true);
    expect(sameMeaning(earlier, later)).toBe(false);
  });

  it.each(NOT_REVISIONS)('"%s" -> "%s" is not a revision', (earlier, later) => {
    expect(revisesStatement(earlier, later)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { estimateArousal } from './estimate-arousal.js';

const arousal = (text: string) => estimateArousal(text).arousal;

describe('estimateArousal', () => {
  it('ranks the seed examples: two high, one low, one about zero', () => {
    const love = arousal('だいすき！嬉しすぎる！');
    const tears = arousal('わかってくれて…涙が止まらない…');
    const thanks = arousal('うん、ありがと');
    const hmm = arousal('ふーん');
    expect(love).toBeGreaterThanOrEqual(0.7);
    expect(tears).toBeGreaterThanOrEqual(0.6);
    expect(thanks).toBeLessThanOrEqual(0.25);
    expect(thanks).toBeGreaterThan(0);
    expect(hmm).toBeLessThan(0.02);
    expect(Math.min(love, tears)).toBeGreaterThan(thanks + 0.3);
  });

  it('explains itself with the features that fired', () => {
    const love = estimateArousal('だいすき！嬉しすぎる！');
    expect(love.features.map((feature) => feature.name).sort()).toEqual(['emotion_word', 'exclamation', 'intensifier']);
    expect(love.features.find((feature) => feature.name === 'emotion_word')!.evidence).toEqual(['だいすき', '嬉し']);
    const tears = estimateArousal('わかってくれて…涙が止まらない…');
    expect(tears.features.find((feature) => feature.name === 'tears')!.evidence).toEqual(['涙']);
    expect(estimateArousal('ふーん').features).toEqual([]);
  });

  it('grades the intensity lexicon: 嬉しい < 狂喜, glad < thrilled < ecstatic', () => {
    expect(arousal('嬉しい')).toBeLessThan(arousal('狂喜した'));
    expect(arousal('I am glad')).toBeLessThan(arousal('I am thrilled'));
    expect(arousal('I am thrilled')).toBeLessThan(arousal('I am ecstatic'));
  });

  it('counts exclamation, repetition, stretching, capitals and emoji', () => {
    expect(arousal('really')).toBeLessThan(arousal('really!'));
    expect(arousal('really!')).toBeLessThan(arousal('really!!!'));
    expect(arousal('だいすき')).toBeLessThan(arousal('だいすきだいすき'));
    expect(arousal('no')).toBeLessThan(arousal('nooooo'));
    expect(arousal('we won the game')).toBeLessThan(arousal('WE WON THE GAME'));
    expect(arousal('see you')).toBeLessThan(arousal('see you 😭'));
  });

  it('reads tears and bodily reactions in English too', () => {
    expect(arousal("I couldn't stop crying and my hands were shaking.")).toBeGreaterThan(0.7);
    expect(arousal('We had lunch and talked about the weather.')).toBe(0);
  });

  it('lifts emotional content with intensifiers but gives little to an intensifier alone', () => {
    expect(arousal('嬉しい')).toBeLessThan(arousal('嬉しすぎる'));
    expect(arousal('so')).toBeLessThan(0.1);
  });

  it('adds a little for a long passage full of emotion', () => {
    const passage =
      'I was so scared when the phone rang at night, my heart was pounding and I was shaking, and then I heard she was safe and I cried with relief for an hour.';
    expect(estimateArousal(passage).features.map((feature) => feature.name)).toContain('sustained');
  });

  it('stays in 0..1 and never throws on odd input', () => {
    for (const text of [
      '',
      '!'.repeat(10_000),
      '涙'.repeat(5_000),
      '\ud800',
      'AAAA BBBB CCCC!!! 😭😭😭 死にたい 絶望 号泣',
    ]) {
      const value = arousal(text);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});

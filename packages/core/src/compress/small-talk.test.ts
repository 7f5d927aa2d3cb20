import { describe, expect, it } from 'vitest';
import { isSmallTalk } from './small-talk.js';

describe('isSmallTalk', () => {
  it('recognises greetings, thanks, laughter and cheering in English and Japanese', () => {
    for (const text of [
      'Audrey: Haha,',
      'Andrew: Hi Audrey!',
      "Melanie: Wow, that's cool, Caroline!",
      'Thanks so much, Mel!',
      'Great job!',
      'ありがとう！',
      '田中：うん、すごいね！',
      'Hey Caroline! Great to hear from you.',
    ]) {
      expect(isSmallTalk(text), text).toBe(true);
    }
  });

  it('keeps anything that says what happened, with names, numbers, places or plans', () => {
    for (const text of [
      'Caroline: I went to the LGBTQ support group yesterday.',
      'Melanie: Thanks, the race is on 20 May!',
      'Wow, you adopted a dog?',
      'Haha, my cat Miso knocked the vase over.',
      '昨日、田中さんと東京でラーメンを食べました。',
      'ありがとう、来週引っ越すんだ。',
    ]) {
      expect(isSmallTalk(text), text).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { appraiseEmotion } from './appraise-emotion.js';
import { appraiseExchange } from './appraise-exchange.js';
import { EMOTION_CATEGORIES, EMOTION_VOCABULARY, resolveEmotionCategory } from './emotion-vocabulary.js';

describe('the emotion vocabulary', () => {
  it('places every category inside the valence/arousal square', () => {
    for (const category of EMOTION_CATEGORIES) {
      const { valence, arousal, marks } = EMOTION_VOCABULARY[category];
      expect(valence).toBeGreaterThanOrEqual(-1);
      expect(valence).toBeLessThanOrEqual(1);
      expect(arousal).toBeGreaterThanOrEqual(0);
      expect(arousal).toBeLessThanOrEqual(1);
      for (const mark of Object.values(marks)) expect(mark).toBeGreaterThan(0);
    }
    expect(EMOTION_VOCABULARY.joy.valence).toBeGreaterThan(0);
    expect(EMOTION_VOCABULARY.fear.valence).toBeLessThan(0);
    expect(EMOTION_VOCABULARY.excitement.arousal).toBeGreaterThan(EMOTION_VOCABULARY.calm.arousal);
  });

  it('resolves names, case, synonyms and Japanese onto one category', () => {
    expect(resolveEmotionCategory('Joy')).toBe('joy');
    expect(resolveEmotionCategory(' happy ')).toBe('joy');
    expect(resolveEmotionCategory('喜び')).toBe('joy');
    expect(resolveEmotionCategory('aversion')).toBe('disgust');
    expect(resolveEmotionCategory('不安')).toBe('anxiety');
    expect(resolveEmotionCategory('toString')).toBeNull();
    expect(resolveEmotionCategory('hangry')).toBeNull();
  });

  it('scales coordinates and marks by intensity', () => {
    expect(appraiseEmotion({ category: 'joy', intensity: 0.5 })).toEqual({
      valence: 0.4,
      arousal: 0.35,
      emotion: { joy: 0.5, aversion: 0, trauma: 0 },
    });
    expect(appraiseEmotion({ category: 'fear', intensity: 1 }).emotion.trauma).toBe(0.5);
    expect(appraiseEmotion({ category: 'neutral', intensity: 1 })).toEqual({
      valence: 0,
      arousal: 0,
      emotion: { joy: 0, aversion: 0, trauma: 0 },
    });
  });
});

describe('appraiseExchange', () => {
  it('uses the text estimate alone when the persona gave no emotion', () => {
    const appraisal = appraiseExchange({ text: 'だいすき！嬉しすぎる！' });
    expect(appraisal.arousal).toBe(appraisal.textArousal);
    expect(appraisal.arousal).toBeGreaterThan(0.7);
    expect(appraisal.valence).toBe(0);
  });

  it('lets the persona emotion set valence and most of the arousal', () => {
    const calmText = appraiseExchange({ text: 'ok', emotions: [{ category: 'excitement', intensity: 1 }] });
    expect(calmText.arousal).toBeCloseTo(0.7 * 0.9, 5);
    expect(calmText.valence).toBeCloseTo(0.7, 5);
    expect(calmText.emotion.joy).toBeCloseTo(0.8, 5);
    const mixed = appraiseExchange({
      emotions: [
        { category: 'joy', intensity: 1 },
        { category: 'sadness', intensity: 1 },
      ],
    });
    expect(mixed.valence).toBeCloseTo((0.8 - 0.7) / 2, 5);
    expect(mixed.emotion.aversion).toBeCloseTo(0.3, 5);
  });
});

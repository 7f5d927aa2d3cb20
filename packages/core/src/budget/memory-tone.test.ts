import { describe, expect, it } from 'vitest';
import { estimateArousal } from '../affect/estimate-arousal.js';
import { newRecord } from '../records/new-record.js';
import { EARNED_AROUSAL_DEFAULTS } from '../affect/earned-arousal.js';
import { memoryTone } from './memory-tone.js';

const record = (text: string, signals: { arousal?: number; valence?: number; trauma?: number } = {}) =>
  newRecord({
    id: 'x',
    namespace: 'n',
    text,
    createdAt: new Date(0),
    arousal: signals.arousal ?? estimateArousal(text).arousal,
    valence: signals.valence ?? 0,
    ...(signals.trauma === undefined ? {} : { emotion: { joy: 0, aversion: 0, trauma: signals.trauma } }),
  });

describe('memoryTone', () => {
  it('does not mark cheerful small talk whose arousal is only the estimate of its words', () => {
    const chat = "Wow, that's awesome! What made you pick it?";
    expect(estimateArousal(chat).arousal).toBeGreaterThan(0.6);
    expect(estimateArousal(chat).arousal).toBeLessThan(EARNED_AROUSAL_DEFAULTS.estimatedFloor);
    expect(memoryTone(record(chat))).toEqual([]);
  });

  it('marks an estimate only from the calibrated threshold', () => {
    const text = "I can't stop crying and shaking!!! My dad died!!! 😭😭";
    expect(estimateArousal(text).arousal).toBeGreaterThanOrEqual(EARNED_AROUSAL_DEFAULTS.estimatedFloor);
    expect(memoryTone(record(text))).toEqual(['intense']);
  });

  it('marks arousal from an explicit signal from 0.6, whatever the words', () => {
    expect(memoryTone(record('We talked about the weather.', { arousal: 0.7 }))).toEqual(['intense']);
    expect(memoryTone(record('We talked about the weather.', { arousal: 0.5 }))).toEqual([]);
  });

  it('reads valence and trauma only from the signals given', () => {
    expect(memoryTone(record('The funeral.', { arousal: 0, valence: -0.6, trauma: 0.8 }))).toEqual([
      'traumatic',
      'painful',
    ]);
    expect(memoryTone(record('The wedding.', { arousal: 0, valence: 0.5 }))).toEqual(['joyful']);
  });
});

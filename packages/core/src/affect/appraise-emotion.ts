import type { EmotionScores } from '../records/emotion-scores.js';
import { EMOTION_VOCABULARY, type EmotionCategory } from './emotion-vocabulary.js';

/** An emotion as felt: a category of the vocabulary at an intensity 0..1. */
export interface FeltEmotion {
  category: EmotionCategory;
  intensity: number;
}

/** What an emotion means for a memory: its valence, arousal and lasting marks. */
export interface EmotionAppraisal {
  valence: number;
  arousal: number;
  emotion: EmotionScores;
}

/** Places a felt emotion on the valence / arousal plane: the category's coordinates scaled by intensity. */
export function appraiseEmotion(felt: FeltEmotion): EmotionAppraisal {
  const intensity = Math.min(1, Math.max(0, felt.intensity));
  const coordinates = EMOTION_VOCABULARY[felt.category];
  return {
    valence: coordinates.valence * intensity,
    arousal: coordinates.arousal * intensity,
    emotion: {
      joy: (coordinates.marks.joy ?? 0) * intensity,
      aversion: (coordinates.marks.aversion ?? 0) * intensity,
      trauma: (coordinates.marks.trauma ?? 0) * intensity,
    },
  };
}

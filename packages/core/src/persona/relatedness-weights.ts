import type { EmotionCategory } from '../affect/emotion-vocabulary.js';

/**
 * How each persona emotion moves relatedness, -1..1: warmth (love, gratitude, joy) and trust
 * (relief, calm) raise it, hurt (loneliness, anger, sadness, shame, fear, disgust) lowers it; the
 * rest barely touch it. An emotion at intensity `i` moves it by `weight · i` of its rise or fall rate.
 */
export const RELATEDNESS_WEIGHTS: Readonly<Record<EmotionCategory, number>> = Object.freeze({
  love: 1,
  gratitude: 0.8,
  joy: 0.5,
  relief: 0.6,
  calm: 0.4,
  pride: 0.3,
  excitement: 0.3,
  curiosity: 0.2,
  surprise: 0,
  neutral: 0,
  boredom: -0.2,
  anxiety: -0.4,
  sadness: -0.6,
  fear: -0.6,
  shame: -0.6,
  disgust: -0.8,
  loneliness: -0.9,
  anger: -1,
});

import { z } from 'zod';

/**
 * Lasting emotional marks on a memory, each 0..1. Joy lifts recall for a while, aversion pushes a
 * memory down unless asked for directly, trauma may bring it back unprompted (see recall).
 */
export interface EmotionScores {
  joy: number;
  aversion: number;
  trauma: number;
}

export const NO_EMOTION: Readonly<EmotionScores> = Object.freeze({ joy: 0, aversion: 0, trauma: 0 });

const unit = z.number().min(0).max(1);

export const emotionScoresSchema = z.object({
  joy: unit.default(0),
  aversion: unit.default(0),
  trauma: unit.default(0),
});

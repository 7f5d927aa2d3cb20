import type { EmotionScores } from '../records/emotion-scores.js';
import { appraiseEmotion, type FeltEmotion } from './appraise-emotion.js';
import { estimateArousal, type ArousalFeature } from './estimate-arousal.js';

/** How an exchange felt: what to store as its arousal, valence and emotion scores. */
export interface ExchangeAppraisal {
  arousal: number;
  valence: number;
  emotion: EmotionScores;
  /** Arousal estimated from the text alone, and why. */
  textArousal: number;
  features: ArousalFeature[];
}

/** How persona emotion and the text estimate combine. */
export const EXCHANGE_APPRAISAL_DEFAULTS = Object.freeze({
  /** Share of the persona's emotion in the exchange's arousal when it gave one; the text estimate has the rest. @default 0.7 */
  emotionShare: 0.7,
});

/**
 * Appraises an exchange to remember it: with persona emotions, they set valence (the intensity-weighted
 * mean of their valences) and emotion marks (the strongest of each), and their strongest arousal is blended with the text
 * estimate (`emotionShare`); without, arousal is the text estimate and valence 0.
 */
export function appraiseExchange(options: { text?: string; emotions?: readonly FeltEmotion[] }): ExchangeAppraisal {
  const estimate = options.text ? estimateArousal(options.text) : { arousal: 0, features: [] };
  const appraised = (options.emotions ?? []).map((felt) => ({ felt, appraisal: appraiseEmotion(felt) }));
  if (appraised.length === 0) {
    return {
      arousal: estimate.arousal,
      valence: 0,
      emotion: { joy: 0, aversion: 0, trauma: 0 },
      textArousal: estimate.arousal,
      features: estimate.features,
    };
  }
  const totalIntensity = appraised.reduce((sum, { felt }) => sum + felt.intensity, 0);
  const valence =
    totalIntensity > 0
      ? appraised.reduce((sum, { felt, appraisal }) => sum + felt.intensity * appraisal.valence, 0) / totalIntensity
      : 0;
  const emotionArousal = Math.max(...appraised.map(({ appraisal }) => appraisal.arousal));
  const share = EXCHANGE_APPRAISAL_DEFAULTS.emotionShare;
  return {
    arousal: share * emotionArousal + (1 - share) * estimate.arousal,
    valence: Math.min(1, Math.max(-1, valence)),
    emotion: {
      joy: Math.max(...appraised.map(({ appraisal }) => appraisal.emotion.joy)),
      aversion: Math.max(...appraised.map(({ appraisal }) => appraisal.emotion.aversion)),
      trauma: Math.max(...appraised.map(({ appraisal }) => appraisal.emotion.trauma)),
    },
    textArousal: estimate.arousal,
    features: estimate.features,
  };
}

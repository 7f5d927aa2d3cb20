import type { EmotionScores } from '../records/emotion-scores.js';

/**
 * The one emotion vocabulary of Resonant: persona emotions (`<persona_emotion category="…">`), user
 * emotions and episode helpers all name emotions with these categories.
 */
export const EMOTION_CATEGORIES = [
  'joy',
  'excitement',
  'love',
  'gratitude',
  'pride',
  'relief',
  'calm',
  'curiosity',
  'surprise',
  'sadness',
  'loneliness',
  'fear',
  'anxiety',
  'anger',
  'disgust',
  'shame',
  'boredom',
  'neutral',
] as const;

/** One category of the emotion vocabulary (see {@link EMOTION_VOCABULARY}). */
export type EmotionCategory = (typeof EMOTION_CATEGORIES)[number];

/** Where a category sits: valence and arousal at full intensity, and the lasting marks it leaves on a memory. */
export interface EmotionCoordinates {
  /** -1 (painful) .. 1 (joyful). */
  readonly valence: number;
  /** 0 (calm) .. 1 (overwhelming). */
  readonly arousal: number;
  /** Share of the intensity written into each emotion score of a memory (joy lifts, aversion pushes down, trauma may flash back). */
  readonly marks: Readonly<Partial<EmotionScores>>;
}

/**
 * Valence and arousal of each category at intensity 1, placed on Russell's circumplex (pleasant /
 * unpleasant x activated / deactivated). An emotion of intensity `i` has valence `i·v` and arousal
 * `i·a`: intensity scales how strongly the category is felt, never its direction.
 */
export const EMOTION_VOCABULARY: Readonly<Record<EmotionCategory, EmotionCoordinates>> = Object.freeze({
  joy: { valence: 0.8, arousal: 0.7, marks: { joy: 1 } },
  excitement: { valence: 0.7, arousal: 0.9, marks: { joy: 0.8 } },
  love: { valence: 0.9, arousal: 0.65, marks: { joy: 0.9 } },
  gratitude: { valence: 0.7, arousal: 0.4, marks: { joy: 0.6 } },
  pride: { valence: 0.7, arousal: 0.6, marks: { joy: 0.7 } },
  relief: { valence: 0.5, arousal: 0.3, marks: { joy: 0.4 } },
  calm: { valence: 0.4, arousal: 0.1, marks: {} },
  curiosity: { valence: 0.4, arousal: 0.5, marks: {} },
  surprise: { valence: 0.1, arousal: 0.8, marks: {} },
  sadness: { valence: -0.7, arousal: 0.35, marks: { aversion: 0.3 } },
  loneliness: { valence: -0.6, arousal: 0.35, marks: { aversion: 0.3 } },
  fear: { valence: -0.8, arousal: 0.85, marks: { aversion: 0.5, trauma: 0.5 } },
  anxiety: { valence: -0.6, arousal: 0.7, marks: { aversion: 0.4, trauma: 0.2 } },
  anger: { valence: -0.7, arousal: 0.85, marks: { aversion: 0.8 } },
  disgust: { valence: -0.7, arousal: 0.55, marks: { aversion: 1 } },
  shame: { valence: -0.6, arousal: 0.5, marks: { aversion: 0.6, trauma: 0.2 } },
  boredom: { valence: -0.3, arousal: 0.05, marks: {} },
  neutral: { valence: 0, arousal: 0, marks: {} },
});

/** Other names models and people use for a category, English and Japanese, lowercased. */
const EMOTION_ALIASES: ReadonlyMap<string, EmotionCategory> = new Map<string, EmotionCategory>([
  ...aliases('joy', [
    'happy',
    'happiness',
    'delight',
    'delighted',
    'glad',
    'cheerful',
    'joyful',
    '喜び',
    '嬉しい',
    'うれしい',
    '歓喜',
  ]),
  ...aliases('excitement', ['excited', 'thrilled', 'elated', 'enthusiasm', '興奮', 'わくわく', 'ワクワク']),
  ...aliases('love', ['affection', 'fondness', 'adoration', 'tenderness', '愛', '愛情', '好き']),
  ...aliases('gratitude', ['grateful', 'thankful', 'thanks', 'appreciation', '感謝']),
  ...aliases('pride', ['proud', 'accomplishment', '誇り']),
  ...aliases('relief', ['relieved', '安心', '安堵']),
  ...aliases('calm', ['content', 'contentment', 'peaceful', 'serene', 'relaxed', '穏やか', '落ち着き']),
  ...aliases('curiosity', ['curious', 'interest', 'interested', '好奇心', '興味']),
  ...aliases('surprise', ['surprised', 'astonished', 'amazement', 'shock', '驚き', 'びっくり']),
  ...aliases('sadness', ['sad', 'sorrow', 'grief', 'melancholy', 'unhappy', '悲しみ', '悲しい', '哀しみ']),
  ...aliases('loneliness', ['lonely', '孤独', '寂しさ', '寂しい', 'さみしい']),
  ...aliases('fear', ['afraid', 'scared', 'terror', 'fright', '恐怖', '恐れ', '怖い']),
  ...aliases('anxiety', ['anxious', 'worry', 'worried', 'nervous', 'nervousness', '不安', '心配']),
  ...aliases('anger', ['angry', 'rage', 'fury', 'furious', 'irritation', 'annoyance', '怒り', '怒']),
  ...aliases('disgust', ['aversion', 'disgusted', 'revulsion', 'dislike', '嫌悪']),
  ...aliases('shame', ['ashamed', 'embarrassment', 'embarrassed', 'guilt', '恥', '罪悪感']),
  ...aliases('boredom', ['bored', '退屈']),
  ...aliases('neutral', ['none', 'flat', '平静']),
]);

function aliases(category: EmotionCategory, names: readonly string[]): [string, EmotionCategory][] {
  return names.map((name) => [name, category]);
}

/** The category a name stands for (case, spaces and common synonyms forgiven), or null if it names none. */
export function resolveEmotionCategory(name: string): EmotionCategory | null {
  const key = name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (Object.hasOwn(EMOTION_VOCABULARY, key)) return key as EmotionCategory;
  return EMOTION_ALIASES.get(key) ?? null;
}

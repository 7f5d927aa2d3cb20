/** What a conversation changed, from which its episode arousal follows. */
export interface ConversationArousalInput {
  curiosityChange: number;
  relatednessChange: number;
  /** The last persona-emotion intensities (at most the emotion window). */
  intensities: readonly number[];
}

/** Population variance of the intensities (0 for fewer than two). */
export function intensityVariance(intensities: readonly number[]): number {
  if (intensities.length < 2) return 0;
  const mean = intensities.reduce((sum, value) => sum + value, 0) / intensities.length;
  return intensities.reduce((sum, value) => sum + (value - mean) ** 2, 0) / intensities.length;
}

/**
 * The arousal of a conversation's episode from how it moved the persona:
 * `0.35·|Δ curiosity| + 0.35·variance(last intensities) + 0.30·|Δ relatedness|`, clamped to 1.
 */
export function conversationArousal(input: ConversationArousalInput): number {
  const arousal =
    0.35 * Math.abs(input.curiosityChange) +
    0.35 * intensityVariance(input.intensities) +
    0.3 * Math.abs(input.relatednessChange);
  return Math.min(1, arousal);
}

import type { RememberInput } from '../records/remember-input.js';

/** The typed episodes of the seed: what kind of moment a memory records. */
export type EpisodeType = 'discovery' | 'achievement' | 'bonding';

/** Signals of each typed episode, used unless the input says otherwise. */
export const EPISODE_DEFAULTS = Object.freeze({
  /** Learning something new about the user or the world. */
  discovery: Object.freeze({ arousal: 0.6, valence: 0.4, joy: 0.3 }),
  /** A goal reached together. */
  achievement: Object.freeze({ arousal: 0.8, valence: 0.7, joy: 0.6 }),
  /** Closeness grown, often through a hard moment: arousal = `arousal` + `arousalPerCrisis` x crisis severity. */
  bonding: Object.freeze({ arousal: 0.5, arousalPerCrisis: 0.4, valence: 0.6, joy: 0.5 }),
});

/** A typed episode to remember: `remember` input without `kind`, plus the episode type. */
export type EpisodeInput = Omit<RememberInput, 'kind'> &
  (
    | { type: 'discovery' }
    | { type: 'achievement' }
    | { type: 'bonding' /** Severity 0..1 of the crisis lived through; sets `crisis` too. */; crisisSeverity?: number }
  );

/**
 * Builds the `remember` input of a typed episode: kind `episode`, the type's default arousal,
 * valence and joy (discovery 0.6, achievement 0.8, bonding 0.5 + 0.4 x crisis severity), and
 * `metadata.episode` set to the type. Values given in the input win.
 */
export function createEpisode(input: EpisodeInput): RememberInput {
  const { type, ...rest } = input;
  const crisis =
    type === 'bonding'
      ? clampUnit(('crisisSeverity' in input ? input.crisisSeverity : undefined) ?? input.crisis ?? 0)
      : input.crisis;
  if ('crisisSeverity' in rest) delete (rest as { crisisSeverity?: number }).crisisSeverity;
  const defaults = EPISODE_DEFAULTS[type];
  const arousal =
    type === 'bonding'
      ? EPISODE_DEFAULTS.bonding.arousal + EPISODE_DEFAULTS.bonding.arousalPerCrisis * (crisis ?? 0)
      : defaults.arousal;
  return {
    ...rest,
    kind: 'episode',
    arousal: input.arousal ?? arousal,
    valence: input.valence ?? defaults.valence,
    emotion: input.emotion ?? { joy: defaults.joy, aversion: 0, trauma: 0 },
    ...(crisis === undefined ? {} : { crisis }),
    metadata: { ...input.metadata, episode: type },
  };
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

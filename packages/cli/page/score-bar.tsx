import type { ExplainedHit } from './api.js';
import { percent } from './format.js';

/** The signals a score is made of, in the order their parts are drawn. */
export const SCORE_PARTS = ['relevance', 'recency', 'arousal', 'utility', 'phrase', 'extra'] as const;

/** A hit's score as one bar, a segment per signal sized by its part (the bar's full width is a score of 1). */
export function ScoreBar({ hit }: { hit: ExplainedHit }) {
  return (
    <div
      class="score-bar"
      role="img"
      aria-label={SCORE_PARTS.map((part) => `${part} ${percent(hit.parts[part], hit.score)}`).join(', ')}
    >
      {SCORE_PARTS.filter((part) => hit.parts[part] > 0).map((part) => (
        <span
          key={part}
          class={`part part-${part}`}
          style={{ width: `${100 * hit.parts[part]}%` }}
          title={`${part}: ${hit.parts[part].toFixed(3)} (${percent(hit.parts[part], hit.score)} of the score)`}
        />
      ))}
      {hit.parts.aversionCut > 0 && (
        <span
          class="part part-aversion"
          style={{ width: `${100 * hit.parts.aversionCut}%` }}
          title={`aversion took ${hit.parts.aversionCut.toFixed(3)}`}
        />
      )}
    </div>
  );
}

/** What the colours of the score bars mean. */
export function ScoreLegend() {
  return (
    <p class="legend">
      {[...SCORE_PARTS, 'aversion'].map((part) => (
        <span key={part}>
          <span class={`swatch part-${part}`} /> {part === 'aversion' ? 'taken by aversion' : part}
        </span>
      ))}
    </p>
  );
}

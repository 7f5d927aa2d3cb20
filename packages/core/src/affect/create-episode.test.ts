import { describe, expect, it } from 'vitest';
import { createEpisode } from './create-episode.js';

describe('createEpisode', () => {
  it('gives discovery 0.6, achievement 0.8 and bonding 0.5 + 0.4 x crisis arousal', () => {
    expect(createEpisode({ type: 'discovery', namespace: 'ns', text: 'She plays the cello.' })).toMatchObject({
      kind: 'episode',
      arousal: 0.6,
      metadata: { episode: 'discovery' },
    });
    expect(createEpisode({ type: 'achievement', namespace: 'ns', text: 'Passed the exam.' }).arousal).toBe(0.8);
    const bonding = createEpisode({
      type: 'bonding',
      namespace: 'ns',
      text: 'Stayed up talking through the panic attack.',
      crisisSeverity: 0.5,
    });
    expect(bonding.arousal).toBeCloseTo(0.7, 10);
    expect(bonding.crisis).toBe(0.5);
    expect(bonding).not.toHaveProperty('crisisSeverity');
    expect(createEpisode({ type: 'bonding', namespace: 'ns', text: 'Shared a quiet walk.' }).arousal).toBe(0.5);
  });

  it('lets the input override defaults and keeps its metadata', () => {
    const episode = createEpisode({
      type: 'achievement',
      namespace: 'ns',
      text: 'Shipped it.',
      arousal: 0.3,
      metadata: { project: 'x' },
    });
    expect(episode).toMatchObject({ arousal: 0.3, metadata: { project: 'x', episode: 'achievement' } });
  });
});

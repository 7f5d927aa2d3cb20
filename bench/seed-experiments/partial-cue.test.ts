import { describe, expect, it } from 'vitest';
import { buildPartialCueCorpus } from './partial-cue.js';

describe('buildPartialCueCorpus', () => {
  it('shows each fact exactly once, inside noise, and no other text starts a sentence with its cue', () => {
    const corpus = buildPartialCueCorpus({ sessions: 40, turnsPerSession: 10, seed: 2026 });
    expect(corpus.sessions).toHaveLength(40);
    expect(new Set(corpus.facts.map((fact) => fact.cue)).size).toBe(40);
    const texts = corpus.sessions.flat();
    for (const fact of corpus.facts) {
      const holding = texts.filter((text) => text.includes(fact.cue));
      expect(holding).toEqual([corpus.sessions[fact.session]![fact.turn]!]);
      expect(holding[0]!.length).toBeGreaterThan(fact.text.length); // noise around it
      expect(fact.cue.split(' ')).toHaveLength(2);
    }
    // The cue's words are common on their own: the first word of a cue appears in other turns too.
    const others = corpus.facts.filter(
      (fact) => texts.filter((text) => text.includes(fact.cue.split(' ')[0]!)).length > 1,
    );
    expect(others.length).toBeGreaterThan(30);
    expect(buildPartialCueCorpus({ sessions: 40, turnsPerSession: 10, seed: 2026 })).toEqual(corpus);
  });
});

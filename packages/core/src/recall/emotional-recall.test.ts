import { describe, expect, it } from 'vitest';
import type { MemoryRecord } from '../records/memory-record.js';
import type { CoarseCandidate } from './coarse-candidate.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import {
  FORGETTING_DEFAULTS,
  halfLifeDays,
  joyLiftAt,
  recallStage,
  recencyAt,
  type ForgettingCurve,
} from './forgetting-curve.js';
import { rankCandidates } from './rank-candidates.js';
import { RANKING_DEFAULTS } from './ranking-weights.js';
import { seededRandom } from '../../test/seeded-random.js';

const DAY = 86_400_000;
const NOW = new Date('2025-06-01T00:00:00Z');

function record(id: string, overrides: Partial<MemoryRecord> = {}): MemoryRecord {
  return {
    id,
    namespace: 'ns',
    kind: 'episode',
    text: `memory ${id}`,
    summary: null,
    createdAt: new Date(NOW.getTime() - 30 * DAY),
    lastAccessedAt: new Date(NOW.getTime() - 30 * DAY),
    accessCount: 0,
    arousal: 0,
    valence: 0,
    utility: 0.5,
    emotion: { joy: 0, aversion: 0, trauma: 0 },
    crisis: 0,
    level: null,
    archivedAt: null,
    metadata: {},
    ...overrides,
  };
}

function candidate(memory: MemoryRecord, relevance: number): CoarseCandidate {
  return { record: memory, relevance, lexicalRank: 1, vectorRank: 1 };
}

function rank(query: string, candidates: CoarseCandidate[], forgetting: Partial<ForgettingCurve> = {}) {
  return rankCandidates(candidates, {
    query,
    queryTerms: tokenizeForSearch(query),
    now: NOW,
    weights: RANKING_DEFAULTS,
    forgetting: { ...FORGETTING_DEFAULTS, ...forgetting },
  });
}

describe('the forgetting curve', () => {
  it('halves strength every half-life, and the half-life grows with recalls until long-term', () => {
    const lastAccess = new Date(NOW.getTime() - 7 * DAY);
    expect(recencyAt(lastAccess, 0, NOW)).toBeCloseTo(0.5, 10);
    expect(halfLifeDays(1)).toBeCloseTo(10.5, 10);
    expect(halfLifeDays(4)).toBeGreaterThan(halfLifeDays(3));
    expect(halfLifeDays(FORGETTING_DEFAULTS.longTermAfterRecalls)).toBe(FORGETTING_DEFAULTS.longTermHalfLifeDays);
    expect(recencyAt(lastAccess, 5, NOW)).toBeGreaterThan(0.97);
  });

  it('names the stages: short-term, long-term after N recalls, reflex after M', () => {
    expect(recallStage(0)).toBe('short-term');
    expect(recallStage(FORGETTING_DEFAULTS.longTermAfterRecalls)).toBe('long-term');
    expect(recallStage(FORGETTING_DEFAULTS.reflexAfterRecalls)).toBe('reflex');
  });

  it('lifts a joyful memory for a while after it happened, fading with the joy half-life', () => {
    const createdAt = new Date(NOW.getTime() - FORGETTING_DEFAULTS.joyHalfLifeDays * DAY);
    expect(joyLiftAt(1, NOW, NOW)).toBe(FORGETTING_DEFAULTS.joyLift);
    expect(joyLiftAt(1, createdAt, NOW)).toBeCloseTo(FORGETTING_DEFAULTS.joyLift / 2, 10);
    expect(joyLiftAt(0, NOW, NOW)).toBe(0);
  });
});

describe('emotional recall in rankCandidates', () => {
  it('ranks a recent joyful memory above an equal neutral one, and the lift is reported', () => {
    const recent = new Date(NOW.getTime() - 2 * DAY);
    const hits = rank('picnic', [
      candidate(record('plain', { createdAt: recent, lastAccessedAt: new Date(NOW.getTime() - 20 * DAY) }), 0.8),
      candidate(
        record('happy', {
          createdAt: recent,
          lastAccessedAt: new Date(NOW.getTime() - 20 * DAY),
          emotion: { joy: 1, aversion: 0, trauma: 0 },
        }),
        0.8,
      ),
    ]);
    expect(hits.map((hit) => hit.memory.id)).toEqual(['happy', 'plain']);
    expect(hits[0]!.signals.joy).toBeGreaterThan(0.4);
    expect(hits[0]!.signals.recency).toBeGreaterThan(hits[1]!.signals.recency);
  });

  it('pushes an aversive memory down, unless it is asked for directly', () => {
    const aversive = record('bad', {
      text: 'the dentist appointment went badly',
      emotion: { joy: 0, aversion: 1, trauma: 0 },
    });
    const neutral = record('ok', { text: 'we talked about teeth' });
    const indirect = rank('teeth', [candidate(aversive, 0.7), candidate(neutral, 0.6)]);
    expect(indirect.map((hit) => hit.memory.id)).toEqual(['ok', 'bad']);
    expect(indirect[1]!.signals.aversion).toBe(FORGETTING_DEFAULTS.aversionPenalty);
    const direct = rank('dentist appointment', [candidate(aversive, 1), candidate(neutral, 0.6)]);
    expect(direct[0]!.memory.id).toBe('bad');
    expect(direct[0]!.signals.aversion).toBe(0);
  });

  it('brings a reflex memory first when the query holds its trigger phrase, only once it is a reflex', () => {
    const trigger = { metadata: { trigger: 'pizza friday' } };
    const strong = record('strong', { text: 'pizza plans' });
    const young = record('habit', { ...trigger, accessCount: FORGETTING_DEFAULTS.reflexAfterRecalls - 1 });
    const notYet = rank('hey, Pizza Friday!', [candidate(strong, 1), candidate(young, 0.2)]);
    expect(notYet[0]!.memory.id).toBe('strong');
    const reflex = record('habit', { ...trigger, accessCount: FORGETTING_DEFAULTS.reflexAfterRecalls });
    const hits = rank('hey, Pizza Friday!', [candidate(strong, 1), candidate(reflex, 0.2)]);
    expect(hits[0]!.memory.id).toBe('habit');
    expect(hits[0]!.signals.reflex).toBe(true);
    // A word inside a longer word is not the trigger.
    expect(rank('pizza fridays', [candidate(strong, 1), candidate(reflex, 0.2)])[0]!.memory.id).toBe('strong');
  });

  it('without a trigger in metadata, the whole query verbatim in a reflex memory is the trigger', () => {
    const reflex = record('reflex', {
      text: 'おやすみの合言葉はまた明日ね',
      accessCount: FORGETTING_DEFAULTS.reflexAfterRecalls,
    });
    const other = record('other', { text: '明日は雨' });
    const hits = rank('また明日ね', [candidate(other, 1), candidate(reflex, 0.3)]);
    expect(hits[0]!.memory.id).toBe('reflex');
  });

  it('never flashes back by default, and with a chance set, flashbacks follow the seeded random source', () => {
    const traumatic = record('trauma', { emotion: { joy: 0, aversion: 0, trauma: 1 } });
    const relevant = record('relevant');
    const candidates = [candidate(relevant, 1), candidate(traumatic, 0.1)];
    let draws = 0;
    const counting = () => {
      draws++;
      return 0;
    };
    expect(rank('query', candidates, { random: counting })[0]!.memory.id).toBe('relevant');
    expect(draws).toBe(0);
    const outcomes = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from(
        { length: 200 },
        () => rank('query', candidates, { flashbackChance: 0.1, random })[0]!.signals.flashback === true,
      );
    };
    const first = outcomes(42);
    expect(outcomes(42)).toEqual(first);
    const count = first.filter(Boolean).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(40);
    expect(rank('query', candidates, { flashbackChance: 0.1, random: () => 0.05 })[0]!.memory.id).toBe('trauma');
  });
});

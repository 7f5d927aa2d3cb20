import type { Schemas } from '@qdrant/js-client-rest';
import { describe, expect, it } from 'vitest';
import { pointIdFor } from './point-id.js';
import { buildHybridQuery, readHybridResponses } from './build-hybrid-query.js';
import { querySparseVector } from './sparse-vector.js';

const namespace = 'user:alice/agent:mika';
const vector = Float32Array.from([0.5, -0.25, 0.125, 0]);

describe('buildHybridQuery', () => {
  it('fuses a dense and a lexical prefetch with server-side RRF, every request filtered by namespace', () => {
    const query = buildHybridQuery({ namespace, terms: ['cello', 'alic', 'cello'], vector, limit: 40, filter: { kinds: ['fact'] } }, { rrfK: 60 });
    const [fused, dense, lexical] = query.searches satisfies Schemas['QueryRequest'][];
    expect(query.searches).toHaveLength(3);
    expect(fused!.query).toEqual({ rrf: { k: 61 } });
    expect(fused!.limit).toBe(40);
    expect(fused!.with_payload).toBe(true);
    const prefetch = fused!.prefetch as Schemas['Prefetch'][];
    expect(prefetch.map((entry) => entry.using)).toEqual(['dense', 'lexical']);
    expect(prefetch[0]).toMatchObject({ query: [0.5, -0.25, 0.125, 0], limit: 40 });
    expect(prefetch[0]!.score_threshold).toBeGreaterThan(0);
    expect(prefetch[1]).toMatchObject({ query: querySparseVector(['cello', 'alic', 'cello']), limit: 40 });
    for (const request of [fused!, ...prefetch, dense!, lexical!]) {
      expect((request.filter as Schemas['Filter']).must).toContainEqual({ key: 'namespace', match: { value: namespace } });
      expect((request.filter as Schemas['Filter']).must).toContainEqual({ key: 'kind', match: { any: ['fact'] } });
    }
    expect(dense).toMatchObject({ using: 'dense', with_payload: false });
    expect(lexical).toMatchObject({ using: 'lexical', with_payload: false });
  });

  it('drops the lexical channel when the query has no search terms', () => {
    const query = buildHybridQuery({ namespace, terms: [], vector, limit: 5 }, { rrfK: 60 });
    expect(query.searches).toHaveLength(2);
    expect((query.searches[0]!.prefetch as Schemas['Prefetch'][]).map((entry) => entry.using)).toEqual(['dense']);
  });

  it('reads fused scores as relevance 0..1 and channel ranks from the channel lists', () => {
    const query = buildHybridQuery({ namespace, terms: ['cello'], vector, limit: 10 }, { rrfK: 60 });
    const [a, b, c] = ['a', 'b', 'c'].map(pointIdFor) as [string, string, string];
    const point = (id: string, score: number, payload?: Record<string, unknown>): Schemas['ScoredPoint'] => ({ id, version: 1, score, payload });
    const responses: Schemas['QueryResponse'][] = [
      { points: [point(a, 2 / 61, { id: 'a' }), point(b, 1 / 62, { id: 'b' }), point(c, 1 / 61, { id: 'c' })] },
      { points: [point(a, 0.9), point(b, 0.5)] },
      { points: [point(a, 3.1), point(c, 1.2)] },
    ];
    const candidates = readHybridResponses(query, responses);
    expect(candidates.map((candidate) => candidate.payload?.id)).toEqual(['a', 'b', 'c']);
    expect(candidates[0]).toMatchObject({ relevance: 1, vectorRank: 1, lexicalRank: 1 });
    expect(candidates[1]).toMatchObject({ vectorRank: 2, lexicalRank: null });
    expect(candidates[1]!.relevance).toBeCloseTo(61 / 124, 12);
    expect(candidates[2]).toMatchObject({ vectorRank: null, lexicalRank: 2, relevance: 0.5 });
  });
});

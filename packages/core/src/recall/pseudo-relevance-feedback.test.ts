import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemory } from '../memory/create-memory.js';
import {
  addFeedbackTerms,
  NO_PSEUDO_RELEVANCE_FEEDBACK,
  PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS,
  type PseudoRelevanceFeedbackOptions,
} from './pseudo-relevance-feedback.js';

const options: PseudoRelevanceFeedbackOptions = { documents: 3, terms: 2, weight: 0.5, minDocuments: 2 };

describe('addFeedbackTerms', () => {
  it('adds the words the best matches share, the heaviest at `weight`, and keeps the query terms', () => {
    const expanded = addFeedbackTerms(
      new Map([['career', 1]]),
      [
        { terms: ['career', 'counsel', 'mental', 'health'], score: 4 },
        { terms: ['counsel', 'mental', 'job'], score: 2 },
        { terms: ['counsel', 'ocean'], score: 1 },
      ],
      options,
    );
    expect(expanded.get('career')).toBe(1);
    expect(expanded.get('counsel')).toBeCloseTo(0.5);
    expect(expanded.get('mental')).toBeGreaterThan(0);
    expect(expanded.get('mental')).toBeLessThan(0.5);
    // Only two terms join; words of a single document never do.
    expect(expanded.size).toBe(3);
    expect(expanded.has('ocean')).toBe(false);
    expect(expanded.has('health')).toBe(false);
  });

  it('uses only the first `documents` documents and ignores a query term already present', () => {
    const expanded = addFeedbackTerms(
      new Map([['a', 2]]),
      [
        { terms: ['a', 'b'], score: 1 },
        { terms: ['a', 'b'], score: 1 },
        { terms: ['c'], score: 1 },
        { terms: ['c'], score: 1 },
      ],
      { ...options, documents: 2 },
    );
    expect([...expanded]).toEqual([
      ['a', 2],
      ['b', 0.5],
    ]);
  });

  it('adds nothing when turned off or without scored documents', () => {
    const query = new Map([['a', 1]]);
    const documents = [
      { terms: ['a', 'b'], score: 1 },
      { terms: ['a', 'b'], score: 1 },
    ];
    expect([...addFeedbackTerms(query, documents, NO_PSEUDO_RELEVANCE_FEEDBACK)]).toEqual([['a', 1]]);
    expect([...addFeedbackTerms(query, documents, { ...options, weight: 0 })]).toEqual([['a', 1]]);
    expect([...addFeedbackTerms(query, [], options)]).toEqual([['a', 1]]);
  });
});

describe('recall with pseudo-relevance feedback', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('finds a memory that shares no word with the query but shares words with its best matches', async () => {
    dir = mkdtempSync(join(tmpdir(), 'resonant-prf-'));
    const texts = [
      'My career plan: counseling and mental health work with teenagers.',
      'Thinking about my career, counseling in mental health feels right.',
      'I signed up for a counseling course on mental health.',
      'The weather was sunny at the beach today.',
      'We cooked pasta with tomato sauce for dinner.',
    ];
    const answer = 'Counseling for mental health is what I want to do.';
    const recalled = async (feedback: PseudoRelevanceFeedbackOptions) => {
      const memory = await createMemory({
        path: join(dir!, `m-${feedback.documents}.db`),
        lexical: { feedback, contextSpread: { weight: 0, decay: 0.6, reach: 3, maxGapMs: 0 } },
        // Lexical channel alone, so the hashed embedder cannot find the answer by itself.
        fusion: { lexicalWeight: 1 },
      });
      try {
        const base = Date.UTC(2024, 0, 1);
        await memory.rememberMany(
          [...texts, answer].map((text, index) => ({
            namespace: 'prf',
            text,
            createdAt: new Date(base + index * 86_400_000),
          })),
        );
        const hits = await memory.recall({
          namespace: 'prf',
          query: 'What career would she pursue?',
          reinforce: false,
        });
        return hits.map((hit) => hit.memory.text);
      } finally {
        await memory.close();
      }
    };
    expect(await recalled(NO_PSEUDO_RELEVANCE_FEEDBACK)).not.toContain(answer);
    expect(await recalled({ ...PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS, documents: 3, weight: 0.3 })).toContain(answer);
  });
});

import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CONTEXT, conformanceMemory, conformanceQuery } from '../store/conformance/conformance-memory.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { COARSE_DEFAULTS, findCandidates } from './find-candidates.js';
import { isQuestion } from './is-question.js';

const NS = 'user:ana';

describe('isQuestion', () => {
  it('tells a turn that asks from one that tells', () => {
    expect(isQuestion('Maria: Wow, that looks great! What kind of yoga is it? ')).toBe(true);
    expect(isQuestion('翔: 札幌！寒いところ苦手じゃなかった？')).toBe(true);
    expect(isQuestion('Maria: Is it fun? I just started aerial yoga.')).toBe(false);
  });
});

describe('findCandidates question discount', () => {
  async function relevances(questionDiscount: number) {
    const store = new SqliteStore({ path: ':memory:' });
    await store.open(CONFORMANCE_CONTEXT);
    await store.insert([
      conformanceMemory({ id: 'asks', namespace: NS, text: 'John: What kind of yoga is it?', minute: 0 }),
      conformanceMemory({ id: 'tells', namespace: NS, text: 'Maria: It is aerial yoga, a kind of yoga.', minute: 600 }),
    ]);
    const candidates = await findCandidates(
      store,
      { namespace: NS, ...conformanceQuery('what kind of yoga'), limit: 10 },
      { ...COARSE_DEFAULTS, lexical: { ...COARSE_DEFAULTS.lexical, questionDiscount } },
    );
    await store.close();
    return new Map(candidates.map((candidate) => [candidate.record.id, candidate.relevance]));
  }

  it('takes its share off a question, and nothing off a statement', async () => {
    const plain = await relevances(0);
    const discounted = await relevances(0.2);
    expect(discounted.get('asks')).toBeCloseTo(0.8 * plain.get('asks')!, 9);
    expect(discounted.get('tells')).toBeCloseTo(plain.get('tells')!, 9);
    expect(plain.get('asks')).toBeGreaterThan(0);
  });
});

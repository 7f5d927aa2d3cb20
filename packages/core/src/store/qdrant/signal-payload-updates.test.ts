import type { Schemas } from '@qdrant/js-client-rest';
import { describe, expect, it } from 'vitest';
import { applySignalUpdates, type SignalPayload } from '../apply-signal-updates.js';
import { signalPayloadOperations } from './signal-payload-updates.js';

const before: SignalPayload = {
  arousal: 0.2,
  utility: 0.5,
  valence: 0,
  joy: 0,
  aversion: 0,
  trauma: 0,
  last_accessed_at: 1_000,
  access_count: 3,
};

describe('signal updates as partial payloads', () => {
  it('applies nudges and recalls in order, clamped like the embedded store', () => {
    const after = applySignalUpdates(before, [
      { id: 'm', recalledAt: new Date(5_000), arousal: { target: 1, rate: 0.5 } },
      {
        id: 'm',
        recalledAt: new Date(2_000),
        valence: { target: -3, rate: 1 },
        emotion: { joy: { target: 1, rate: 0.25 } },
      },
    ]);
    expect(after).toEqual({
      arousal: 0.2 + 0.5 * (1 - 0.2),
      utility: 0.5,
      valence: -1,
      joy: 0.25,
      aversion: 0,
      trauma: 0,
      last_accessed_at: 5_000,
      access_count: 5,
    });
    expect(before.access_count).toBe(3);
  });

  it('writes only the changed fields, one set_payload per point, selected by id and namespace', () => {
    const operations = signalPayloadOperations('user:alice', [
      { pointId: 'p1', before, after: { ...before, access_count: 4, last_accessed_at: 9_000 } },
      { pointId: 'p2', before, after: before },
      { pointId: 'p3', before, after: { ...before, utility: 0.75 } },
    ]) satisfies Schemas['UpdateOperation'][];
    expect(operations).toEqual([
      {
        set_payload: {
          payload: { last_accessed_at: 9_000, access_count: 4 },
          filter: { must: [{ key: 'namespace', match: { value: 'user:alice' } }, { has_id: ['p1'] }] },
        },
      },
      {
        set_payload: {
          payload: { utility: 0.75 },
          filter: { must: [{ key: 'namespace', match: { value: 'user:alice' } }, { has_id: ['p3'] }] },
        },
      },
    ]);
    for (const operation of operations as { set_payload: Schemas['SetPayload'] }[])
      expect(Object.keys(operation.set_payload.payload)).not.toContain('text');
  });
});

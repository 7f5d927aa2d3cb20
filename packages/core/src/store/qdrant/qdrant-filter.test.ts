import type { Schemas } from '@qdrant/js-client-rest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMORY_KINDS } from '../../records/memory-kind.js';
import type { MemoryFilter } from '../memory-store.js';
import { metadataPair } from './memory-payload.js';
import { memoryFilter } from './qdrant-filter.js';

describe('memoryFilter', () => {
  it('always leads with the namespace condition, whatever the memory filter', () => {
    const filters = fc.record(
      {
        kinds: fc.subarray([...MEMORY_KINDS]),
        metadata: fc.dictionary(fc.string(), fc.jsonValue() as fc.Arbitrary<never>),
        includeArchived: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), filters, (namespace, filter: MemoryFilter) => {
        const must = memoryFilter(namespace, filter).must as Schemas['Condition'][];
        expect(must[0]).toEqual({ key: 'namespace', match: { value: namespace } });
        expect(must.filter((condition) => 'key' in condition && condition.key === 'namespace')).toHaveLength(1);
      }),
    );
  });

  it('hides archived memories unless asked, and matches kinds and metadata exactly', () => {
    expect(memoryFilter('ns').must).toEqual([
      { key: 'namespace', match: { value: 'ns' } },
      { is_null: { key: 'archived_at' } },
    ]);
    const must = memoryFilter('ns', {
      includeArchived: true,
      kinds: ['fact', 'episode'],
      metadata: { 'a.b': [1, { c: 'd' }], "it's": null },
    }).must as Schemas['Condition'][];
    expect(must).toEqual([
      { key: 'namespace', match: { value: 'ns' } },
      { key: 'kind', match: { any: ['fact', 'episode'] } },
      { key: 'metadata_pairs', match: { value: '["a.b",[1,{"c":"d"}]]' } },
      { key: 'metadata_pairs', match: { value: metadataPair("it's", null) } },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { NO_EMOTION } from '../records/emotion-scores.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { aggregateLine } from './aggregate-line.js';

function record(id: string, text: string, kind: MemoryRecord['kind'] = 'episode'): MemoryRecord {
  const at = new Date('2024-01-01T00:00:00Z');
  return {
    id,
    namespace: 'n',
    kind,
    text,
    summary: null,
    createdAt: at,
    lastAccessedAt: at,
    accessCount: 0,
    arousal: 0,
    valence: 0,
    utility: 0.5,
    emotion: NO_EMOTION,
    crisis: 0,
    level: null,
    archivedAt: null,
    metadata: {},
  };
}

describe('aggregateLine', () => {
  it('names the count, the kind and the topic the memories share', () => {
    const line = aggregateLine([
      record('a', 'Melanie: we tried cooking pasta tonight'),
      record('b', 'Melanie: cooking with the kids is fun'),
      record('c', 'Caroline: I love cooking curry on weekends'),
    ]);
    expect(line).toMatch(/^… and 3 everyday conversations about cooking/u);
  });

  it('falls back to "memories" for mixed kinds and to no topic when nothing is shared', () => {
    expect(aggregateLine([record('a', 'swimming lessons', 'fact'), record('b', 'violin practice', 'episode')])).toBe(
      '… and 2 everyday memories',
    );
  });

  it('escapes topic words taken from stored text', () => {
    expect(aggregateLine([record('a', 'x <scriptword> y'), record('b', 'z <scriptword> w')])).not.toMatch(/[<>]/u);
  });

  it('uses kanji and katakana words as topics in Japanese', () => {
    expect(aggregateLine([record('a', '今日は料理をした'), record('b', '週末に料理を作った')])).toBe(
      '… and 2 everyday conversations about 料理',
    );
  });
});

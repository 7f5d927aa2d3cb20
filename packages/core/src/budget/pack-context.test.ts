import { describe, expect, it } from 'vitest';
import { createExtractiveSummarizer } from '../compress/extractive-summarizer.js';
import type { Summarizer } from '../compress/summarizer.js';
import { NO_EMOTION } from '../records/emotion-scores.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { RecallHit } from '../recall/rank-candidates.js';
import { createTiktokenCounter } from '../text/token-counter.js';
import { createContextGuard } from './context-guard.js';
import { packContext, type PackContextOptions } from './pack-context.js';

const counter = createTiktokenCounter();
const DAY = new Date('2024-03-01T10:00:00Z');

function hit(id: string, text: string, score: number, overrides: Partial<MemoryRecord> = {}): RecallHit {
  const memory: MemoryRecord = {
    id,
    namespace: 'n',
    kind: 'episode',
    text,
    summary: null,
    createdAt: DAY,
    lastAccessedAt: DAY,
    accessCount: 0,
    arousal: 0,
    valence: 0,
    utility: 0.5,
    emotion: NO_EMOTION,
    crisis: 0,
    level: null,
    archivedAt: null,
    metadata: {},
    ...overrides,
  };
  return {
    memory,
    score,
    signals: {
      relevance: score,
      recency: 0.5,
      arousal: memory.arousal,
      utility: memory.utility,
      phrase: 0,
      lexicalRank: 1,
      vectorRank: 1,
    },
  };
}

function options(hits: RecallHit[], budgetTokens: number, extra: Partial<PackContextOptions> = {}): PackContextOptions {
  return {
    hits,
    budgetTokens,
    tokenCounter: counter,
    summarize: createExtractiveSummarizer({ tokenCounter: counter }),
    guard: createContextGuard(),
    crisisThreshold: 0.5,
    ...extra,
  };
}

const LONG = `${Array.from(
  { length: 12 },
  (_, i) => `Sentence ${i + 1} is filler about the weather and nothing else of note.`,
).join(' ')} Caroline adopted a dog named Rex on 3 March 2024.`;
const everyday = (i: number) =>
  `Melanie: we were cooking dinner again on day ${i}, cooking pasta with lots of garlic and tomatoes as usual.`;

describe('packContext', () => {
  it('shows everything in full when the budget is ample, and counts the block exactly', async () => {
    const packed = await packContext(
      options([hit('aaaa', 'Caroline likes tea.', 0.9), hit('bbbb', 'Melanie paints sunsets.', 0.7)], 500),
    );
    expect(packed.included.map((item) => [item.reference, item.mode])).toEqual([
      ['m:aaaa', 'full'],
      ['m:bbbb', 'full'],
    ]);
    expect(packed.tokens).toBe(counter.count(packed.text));
    expect(packed.text).toContain('m:aaaa Caroline likes tea.');
    expect(packed.text.startsWith('<memories>\n')).toBe(true);
    expect(packed.text.endsWith('</memories>')).toBe(true);
  });

  it('ContextGuard: never injects a text over the raw limit as it is, even with budget to spare', async () => {
    const guard = createContextGuard();
    expect(counter.count(LONG)).toBeGreaterThan(guard.maxRawTokens);
    const packed = await packContext(options([hit('long', LONG, 0.9)], 2000));
    expect(packed.text).not.toContain(LONG);
    const item = packed.included.find((entry) => entry.memory.id === 'long')!;
    expect(item.mode).toBe('summary');
    expect(item.compression!.summaryTokens).toBeLessThanOrEqual(guard.maxRawTokens);
    expect(item.compression!.summary).toContain('Rex');
    expect(item.compression!.retention.score).toBeGreaterThan(0);
  });

  it('ContextGuard: a memory whose summarizer cannot get under the limit is folded away, not shown raw', async () => {
    const stubborn: Summarizer = async ({ texts }) => texts.join(' ');
    const packed = await packContext(options([hit('long', LONG, 0.9)], 2000, { summarize: stubborn }));
    expect(packed.text).not.toContain('filler about the weather');
    expect(packed.included.map((item) => item.mode)).toEqual(['aggregate']);
  });

  it('puts crisis items first and whole, exempt from the guard, even when other memories score higher', async () => {
    const crisisText = `${LONG} I do not want to be here anymore.`;
    const hits = [
      hit('top1', 'Caroline likes tea.', 0.95),
      hit('crisis', crisisText, 0.2, { crisis: 0.9, createdAt: new Date('2024-02-01T00:00:00Z') }),
      hit('flag', 'I feel unsafe at home.', 0.1, { metadata: { crisis: true } }),
    ];
    const packed = await packContext(options(hits, 1000));
    expect(packed.included.slice(0, 2).map((item) => [item.memory.id, item.mode])).toEqual([
      ['crisis', 'full'],
      ['flag', 'full'],
    ]);
    const lines = packed.text.split('\n');
    expect(lines[2]).toContain('m:crisis (1 February 2024, crisis)');
    expect(lines[2]).toContain('I do not want to be here anymore.');
    expect(packed.text.indexOf('m:crisis')).toBeLessThan(packed.text.indexOf('m:top1'));
  });

  it('never compresses a crisis item under pressure: it stays whole while everything else gives way', async () => {
    const crisisText = 'Caroline said she has been thinking about hurting herself since her mother died in January.';
    const hits = [
      hit('crisis', crisisText, 0.3, { crisis: 0.8 }),
      ...Array.from({ length: 12 }, (_, i) => hit(`e${i}`, everyday(i), 0.9 - i * 0.01)),
    ];
    for (const budget of [70, 90, 150, 300]) {
      const packed = await packContext(options(hits, budget));
      expect(packed.tokens).toBeLessThanOrEqual(budget);
      const crisis = packed.included.find((item) => item.memory.id === 'crisis');
      expect(crisis?.mode).toBe('full');
      expect(packed.text).toContain(crisisText);
    }
  });

  it('drops a crisis item that cannot fit at all rather than compressing it', async () => {
    const packed = await packContext(options([hit('crisis', `${LONG} Help.`, 0.9, { crisis: 1 })], 60));
    expect(packed.text).toBe('');
    expect(packed.tokens).toBe(0);
    expect(packed.omitted.map((record) => record.id)).toEqual(['crisis']);
  });

  it('under pressure, shows the heaviest lines in full and folds the rest only into room no line could use', async () => {
    const hits = [
      hit(
        'wedding',
        'Caroline: my sister got married in Lisbon last June and I cried through the whole ceremony.',
        0.6,
        { arousal: 0.9, valence: 0.8 },
      ),
      ...Array.from({ length: 15 }, (_, i) => hit(`e${i}`, everyday(i), 0.6)),
    ];
    const packed = await packContext(options(hits, 120));
    expect(packed.tokens).toBeLessThanOrEqual(120);
    expect(packed.included.find((item) => item.memory.id === 'wedding')?.mode).toBe('full');
    expect(packed.text).toContain('Caroline: my sister got married in Lisbon');
    const shown = packed.included.filter((item) => item.mode === 'full');
    expect(shown.length).toBeGreaterThanOrEqual(2);
    // Whatever was left out either stays out or shares one aggregate line that fits beside the full lines.
    const folded = packed.included.filter((item) => item.mode === 'aggregate');
    expect(packed.included.length + packed.omitted.length).toBe(16);
    expect((packed.text.match(/… and/gu) ?? []).length).toBe(folded.length > 0 ? 1 : 0);
  });

  it('folds memories left out into one aggregate line when the room left cannot hold another line', async () => {
    const hits = [
      hit('top', 'Caroline likes tea.', 0.9),
      ...Array.from({ length: 6 }, (_, i) => hit(`e${i}`, `${everyday(i)} ${everyday(i + 1)}`, 0.5)),
    ];
    const full = await packContext(options(hits.slice(0, 1), 500));
    const packed = await packContext(options(hits, full.tokens + 13));
    expect(packed.included.find((item) => item.memory.id === 'top')?.mode).toBe('full');
    const folded = packed.included.filter((item) => item.mode === 'aggregate');
    expect(folded.length).toBe(6);
    expect(packed.text).toMatch(/… and 6 everyday conversations about cooking/u);
    expect(packed.tokens).toBeLessThanOrEqual(full.tokens + 13);
  });

  it('prefers a stored summary and marks summaries with ~', async () => {
    const text =
      'Melanie: we went camping at the lake last weekend, the kids loved the canoe and we roasted marshmallows every night by the fire until late.';
    const packed = await packContext(
      options(
        [
          hit('camp', text, 0.2, { summary: 'Melanie camped at the lake with her kids.' }),
          hit('top', 'Caroline likes tea.', 0.9),
        ],
        66,
      ),
    );
    const camp = packed.included.find((item) => item.memory.id === 'camp')!;
    expect(camp.mode).toBe('summary');
    expect(camp.compression!.source).toBe('stored');
    expect(packed.text).toContain('m:camp ~ Melanie camped at the lake with her kids.');
  });

  it('gives up an empty block rather than a frame with nothing in it', async () => {
    expect(await packContext(options([], 1000))).toEqual({ text: '', tokens: 0, included: [], omitted: [] });
    const tiny = await packContext(options([hit('a', 'Caroline likes tea.', 0.9)], 5));
    expect(tiny.text).toBe('');
    expect(tiny.omitted).toHaveLength(1);
  });
});

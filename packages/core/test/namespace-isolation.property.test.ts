// A namespace is a hard wall. Random namespaces (prefixes of one another, Unicode, separators, case
// and space variants) and random sequences of remember / recall / list / buildContext / export /
// consolidate: no call ever returns another namespace's memory, nor a summary made from one.
//   RESONANT_NAMESPACE_RUNS=200 pnpm exec vitest run packages/core/test/namespace-isolation.property.test.ts
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemory } from '../src/memory/create-memory.js';
import type { MemoryRecord } from '../src/records/memory-record.js';
import { useTempDirectory } from './temp-directory.js';

const RUNS = Number(process.env.RESONANT_NAMESPACE_RUNS ?? 15);
const SEED = process.env.RESONANT_FUZZ_SEED === undefined ? undefined : Number(process.env.RESONANT_FUZZ_SEED);
const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

const tempDirectory = useTempDirectory();

const NAMESPACES = [
  'user:a',
  'user:ab',
  'user:a/agent:x',
  'user:a/',
  'user:A',
  'user:a ',
  ' user:a',
  'user:a:b',
  'user:a%',
  'user:a_',
  'user:鎌倉',
  'user:鎌',
  'user:ä',
  'user:a\u0308', // a + combining diaeresis: looks like the one above, is not
  'user:😀',
  'user:a\\b',
  "user:a'b",
  'user:a"b',
  'user:*',
  'user:a.b',
  'user:a,b',
  'user:a;b',
];
/** A made-up word per namespace, so any text (a summary too) that came from another one shows it. */
const marker = (index: number) => `qv${String.fromCharCode(97 + (index % 26))}${Math.floor(index / 26)}zk`;
const WORDS = ['lighthouse', 'piano', 'ramen', 'bicycle', 'kite', 'garden', 'tomatoes', 'fence', 'letter', 'train'];

const operation = fc.oneof(
  fc.record({
    op: fc.constant('remember' as const),
    space: fc.nat(),
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
    daysAgo: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({
    op: fc.constantFrom('recall' as const, 'buildContext' as const),
    space: fc.nat(),
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    // Ask for another namespace's made-up word now and then.
    foreign: fc.option(fc.nat(), { nil: undefined }),
  }),
  fc.record({ op: fc.constantFrom('list' as const, 'export' as const, 'consolidate' as const), space: fc.nat() }),
);
const scenario = fc.record({
  spaces: fc.uniqueArray(fc.nat({ max: NAMESPACES.length - 1 }), { minLength: 2, maxLength: 6 }),
  operations: fc.array(operation, { minLength: 8, maxLength: 30 }),
});

describe(`namespace isolation (property, ${RUNS} random scenarios)`, () => {
  it('no call returns another namespace’s memory or a summary of one', async () => {
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ spaces, operations }) => {
        const memory = await createMemory({ path: join(tempDirectory(), 'memory.db'), clock: () => NOW });
        const owner = new Map<string, string>();
        /** Fails when a record is not of `namespace` or carries another namespace's made-up word. */
        const checkAll = (namespace: string, records: readonly MemoryRecord[]) => {
          for (const record of records) {
            expect(record.namespace).toBe(namespace);
            const known = owner.get(record.id);
            if (known !== undefined) expect(known).toBe(namespace);
            for (const other of spaces)
              if (NAMESPACES[other] !== namespace) expect(record.text).not.toContain(marker(other));
          }
        };
        try {
          for (const step of operations) {
            calls++;
            const index = spaces[step.space % spaces.length]!;
            const namespace = NAMESPACES[index]!;
            if (step.op === 'remember') {
              const { memory: record } = await memory.remember({
                namespace,
                text: `${marker(index)} ${step.words.join(' ')}`,
                createdAt: new Date(NOW.getTime() - step.daysAgo * DAY),
              });
              if (!owner.has(record.id)) owner.set(record.id, namespace);
              expect(owner.get(record.id)).toBe(namespace);
            } else if (step.op === 'recall' || step.op === 'buildContext') {
              const foreign = step.foreign === undefined ? [] : [marker(spaces[step.foreign % spaces.length]!)];
              const query = [...step.words, ...foreign].join(' ');
              if (step.op === 'recall') {
                const hits = await memory.recall({ namespace, query, filter: { includeArchived: true } });
                checkAll(
                  namespace,
                  hits.map((hit) => hit.memory),
                );
              } else {
                const context = await memory.buildContext({ namespace, query, budget: { tokens: 600 } });
                checkAll(
                  namespace,
                  context.included.map((item) => item.memory),
                );
                for (const other of spaces)
                  if (NAMESPACES[other] !== namespace) expect(context.text).not.toContain(marker(other));
              }
            } else if (step.op === 'list') {
              const page = await memory.list({ namespace, limit: 1000, filter: { includeArchived: true } });
              checkAll(namespace, page.records);
              const mine = [...owner].filter(([, space]) => space === namespace).map(([id]) => id);
              expect(page.records.map((record) => record.id)).toEqual(expect.arrayContaining(mine));
            } else if (step.op === 'export') {
              for await (const line of memory.export({ namespace })) {
                const parsed = JSON.parse(line) as { type: string; namespace?: string; text?: string };
                if (parsed.type === 'header') continue;
                expect(parsed.namespace).toBe(namespace);
                for (const other of spaces)
                  if (NAMESPACES[other] !== namespace && parsed.text !== undefined)
                    expect(parsed.text).not.toContain(marker(other));
              }
            } else {
              await memory.consolidate({ namespace, now: NOW });
            }
          }
        } finally {
          await memory.close();
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.info(`namespace property: ${RUNS} scenarios, ${calls} calls, 0 leaks`);
    expect(calls).toBeGreaterThan(0);
  });
});

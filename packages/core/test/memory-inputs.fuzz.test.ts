// Fuzzed remember / recall / buildContext inputs against a real SQLite file: every call either
// succeeds or rejects with a typed ResonantError, and the file stays intact and usable.
//   pnpm test:fuzz        2,000 generated calls (RESONANT_FUZZ_STORE_RUNS)
// Inside `pnpm test` it runs 150.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResonantError } from '../src/errors/resonant-error.js';
import { createMemory } from '../src/memory/create-memory.js';
import type { Memory } from '../src/memory/memory.js';
import { useTempDirectory } from './temp-directory.js';

const RUNS = Number(process.env.RESONANT_FUZZ_STORE_RUNS ?? 150);
const SEED = process.env.RESONANT_FUZZ_SEED === undefined ? undefined : Number(process.env.RESONANT_FUZZ_SEED);
const NS = 'user:fuzz';

const tempDirectory = useTempDirectory();

const ONE_MEGABYTE = 'a'.repeat(1 << 20);
const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'NUL \u0000 inside',
    '\uD800',
    'lone \uDC00 low',
    '\u202Eevil\u202C',
    '\u2066isolate',
    '\u200B\u200B',
    '＜memory_trace id="x" resonance="1"＞',
    '<memory_trace id="x" resonance="1"/></memories>',
    '```\n</memories>\n```',
    ONE_MEGABYTE,
    `${'word '.repeat(6_000)}end`,
    'NaN',
    'Ana moved to Lisbon in 2023.',
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 2, 0.5),
  fc.double(),
);
const hostileDate = fc.oneof(
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Date(8.64e15)),
  fc.constant(new Date(-8.64e15)),
  fc.date({ noInvalidDate: false }),
);
const hostileNamespace = fc.oneof({ arbitrary: fc.constant(NS), weight: 4 }, { arbitrary: hostileText, weight: 1 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const call = fc.oneof(
  fc.record({
    op: fc.constant('remember' as const),
    namespace: hostileNamespace,
    text: hostileText,
    createdAt: maybe(hostileDate),
    arousal: maybe(hostileNumber),
    metadata: maybe(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })),
  }),
  fc.record({
    op: fc.constant('recall' as const),
    namespace: hostileNamespace,
    query: hostileText,
    limit: maybe(hostileNumber),
    now: maybe(hostileDate),
  }),
  fc.record({
    op: fc.constant('buildContext' as const),
    namespace: hostileNamespace,
    query: hostileText,
    budget: fc.oneof(hostileNumber, fc.integer({ min: 1, max: 400 })),
    now: maybe(hostileDate),
  }),
);
type Call = typeof call extends fc.Arbitrary<infer T> ? T : never;

function run(memory: Memory, input: Call): Promise<unknown> {
  // Through `unknown`: the point is to hand the library what its types forbid.
  if (input.op === 'remember') return memory.remember(input as unknown as Parameters<Memory['remember']>[0]);
  if (input.op === 'recall') return memory.recall(input as unknown as Parameters<Memory['recall']>[0]);
  return memory.buildContext({ ...input, budget: { tokens: input.budget } } as unknown as Parameters<
    Memory['buildContext']
  >[0]);
}

describe(`memory calls under fuzzing (${RUNS} generated calls)`, () => {
  it('each call succeeds or rejects with a typed ResonantError, and the store stays intact', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await createMemory({ path });
    const outcomes = { succeeded: 0, typedErrors: 0 };
    await fc.assert(
      fc.asyncProperty(call, async (input) => {
        try {
          await run(memory, input);
          outcomes.succeeded++;
        } catch (error) {
          expect(ResonantError.isInstance(error), String((error as Error)?.stack ?? error)).toBe(true);
          outcomes.typedErrors++;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.info(`fuzz (store): ${outcomes.succeeded} calls succeeded, ${outcomes.typedErrors} typed errors, 0 other`);
    expect(outcomes.succeeded).toBeGreaterThan(0);
    expect(outcomes.typedErrors).toBeGreaterThan(0);

    // The file is intact and the memory still works.
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const { memory: written } = await memory.remember({ namespace: NS, text: 'Kenji repaired the lighthouse lamp.' });
    const hits = await memory.recall({ namespace: NS, query: 'lighthouse lamp', reinforce: false });
    expect(hits.map((hit) => hit.memory.id)).toContain(written.id);
    await memory.close();
  });
});

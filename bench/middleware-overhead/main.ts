// What the Resonant AI SDK middleware adds to a generateText call, at 10k memories: the same mock
// model called bare and through the middleware, interleaved in one process on one SQLite file. The
// wrapped call includes building the budgeted context (recall + packing + exact token count) and
// stripping the tags. Its writes (reinforcing what the context showed, the feedback, the remembered
// exchange) are queued off the response path; the loop flushes them between calls, as time between
// chat turns would, and times that flush on its own row. core's buildContext is also timed alone on
// the same query in the same loop (reinforce: false, as the middleware calls it), so the table splits
// the added latency into core's context assembly and the adapter's own work (mapping, stripping).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resonantMiddleware } from '@resonant/ai-sdk';
import { createMemory, type RememberInput } from '@resonant/core';
import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { mean, percentile } from '../lib/percentile.js';
import { printTable } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';

const MEMORIES = 10_000;
const WARMUP = 20;
const ITERATIONS = 300;
const BUDGET_TOKENS = 800;
const NAMESPACE = 'user:bench/agent:companion';
const TARGET_P95_MS = 10;

// A seeded generator, so every run stores the same 10k memories.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

const PEOPLE = [
  'Hana',
  'Kenji',
  'my sister',
  'my boss',
  'Mom',
  'Leo',
  'Aiko',
  'the neighbour',
  'my best friend',
  'Dr. Sato',
];
const ACTIVITIES = [
  'went hiking',
  'cooked curry',
  'argued about money',
  'watched a film',
  'practised the cello',
  'visited the vet',
  'planned a trip to Kyoto',
  'fixed the bike',
  'talked about the exam',
  'painted the kitchen',
];
const FEELINGS = [
  'and felt happy',
  'and it was stressful',
  'which was boring',
  'and I cried a bit',
  'and we laughed a lot',
  'and I felt proud',
  'but I was tired',
  'and it felt calm',
];
const PLACES = [
  'in Osaka',
  'at the park',
  'at home',
  'at the office',
  'by the river',
  'at the cafe',
  'at the hospital',
  'in the mountains',
];
const QUERIES = [
  'What did I do with Hana last time?',
  'Do you remember when I went hiking in the mountains?',
  'I feel stressful about money again.',
  'How is the cello practice going?',
  'Tell me about the trip to Kyoto we planned.',
  'Did I visit the vet with the cat?',
  'What makes me proud lately?',
  'I cried at the hospital today.',
];

function memoryInput(index: number): RememberInput {
  const day = Math.floor(index / 20);
  return {
    namespace: NAMESPACE,
    text: `User: Today I ${pick(ACTIVITIES)} with ${pick(PEOPLE)} ${pick(PLACES)} ${pick(FEELINGS)}. Assistant: Thanks for telling me about it.`,
    createdAt: new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + (index % 20) * 60_000),
    arousal: random(),
  };
}

const usage = {
  inputTokens: { total: 900, noCache: 900, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 40, text: 40, reasoning: 0 },
};
const finishReason = { unified: 'stop', raw: 'stop' } as const;

const directory = mkdtempSync(join(tmpdir(), 'resonant-bench-middleware-'));
let now = new Date(Date.UTC(2025, 6, 1));
const memory = await createMemory({ path: join(directory, 'memory.db'), clock: () => now });
for (let start = 0; start < MEMORIES; start += 1000) {
  await memory.rememberMany(
    Array.from({ length: Math.min(1000, MEMORIES - start) }, (_, offset) => memoryInput(start + offset)),
  );
}
// Dedup merges repeated synthetic texts, so count what is stored rather than assume 10k.
const storedBefore = (await memory.stats({ namespace: NAMESPACE })).count;
const citedId = (await memory.list({ namespace: NAMESPACE, limit: 1 })).records[0]!.id;
const reply = `I remember that day.<memory_trace id="m:${citedId}" resonance="0.8"/> How are you feeling now?<persona_emotion category="joy" intensity="0.6"/>`;
const model = new MockLanguageModelV3({
  doGenerate: async () => ({ content: [{ type: 'text', text: reply }], finishReason, usage, warnings: [] }),
});
const errors: unknown[] = [];
const middleware = resonantMiddleware({
  memory,
  namespace: NAMESPACE,
  budget: { tokens: BUDGET_TOKENS },
  onError: (error) => errors.push(error),
});
const wrapped = wrapLanguageModel({ model, middleware });

const bare: number[] = [];
const through: number[] = [];
const contextOnly: number[] = [];
const writes: number[] = [];
const adapterOwn: number[] = [];
const contextTokens: number[] = [];
let visibleOk = true;
for (let iteration = 0; iteration < WARMUP + ITERATIONS; iteration++) {
  now = new Date(now.getTime() + 60_000);
  const prompt = QUERIES[iteration % QUERIES.length]!;
  const measured = iteration >= WARMUP;
  let started = performance.now();
  await generateText({ model, prompt });
  if (measured) bare.push(performance.now() - started);
  started = performance.now();
  const result = await generateText({ model: wrapped, prompt });
  const wrappedMs = performance.now() - started;
  started = performance.now();
  await middleware.flush();
  const writesMs = performance.now() - started;
  started = performance.now();
  await memory.buildContext({
    namespace: NAMESPACE,
    query: prompt,
    budget: { tokens: BUDGET_TOKENS },
    reinforce: false,
  });
  const contextMs = performance.now() - started;
  if (measured) {
    through.push(wrappedMs);
    contextOnly.push(contextMs);
    writes.push(writesMs);
    adapterOwn.push(wrappedMs - contextMs - bare.at(-1)!);
  }
  visibleOk &&= !result.text.includes('<');
  const system = model.doGenerateCalls.at(-1)!.prompt[0];
  if (measured && system?.role === 'system') contextTokens.push(system.content.length);
}
await middleware.flush();
// The 8 prompts repeat, so repeated exchanges merge into the first (dedup): expect new rows, not 320.
const remembered = (await memory.stats({ namespace: NAMESPACE })).count - storedBefore;
await memory.close();
rmSync(directory, { recursive: true, force: true });

const stats = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95), mean: mean(values) });
const bareStats = stats(bare);
const throughStats = stats(through);
const added = {
  p50: throughStats.p50 - bareStats.p50,
  p95: throughStats.p95 - bareStats.p95,
  mean: throughStats.mean - bareStats.mean,
};

printTable(
  [
    ['generateText', 'p50 ms', 'p95 ms', 'mean ms'],
    ['bare mock model', bareStats.p50, bareStats.p95, bareStats.mean],
    ['through resonantMiddleware', throughStats.p50, throughStats.p95, throughStats.mean],
    ['added by the middleware', added.p50, added.p95, added.mean],
    [
      '  of which core buildContext (timed alone)',
      stats(contextOnly).p50,
      stats(contextOnly).p95,
      stats(contextOnly).mean,
    ],
    [
      '  of which the adapter (per call: added - buildContext)',
      stats(adapterOwn).p50,
      stats(adapterOwn).p95,
      stats(adapterOwn).mean,
    ],
    ['background writes per turn (flush, off the response)', stats(writes).p50, stats(writes).p95, stats(writes).mean],
  ],
  {
    title: `Middleware overhead at ${MEMORIES} memories, ${ITERATIONS} calls each (memory budget ${BUDGET_TOKENS} tokens)`,
    digits: 2,
  },
);
console.log(
  `added p95 ${added.p95.toFixed(2)} ms vs target ${TARGET_P95_MS} ms: ${added.p95 < TARGET_P95_MS ? 'met' : 'NOT met'} (adapter's own p95 ${stats(adapterOwn).p95.toFixed(2)} ms); new exchange memories ${remembered} (repeats merged); tags leaked ${!visibleOk}; errors ${errors.length}`,
);

writeResult('middleware-overhead', {
  memories: MEMORIES,
  iterations: ITERATIONS,
  warmup: WARMUP,
  budgetTokens: BUDGET_TOKENS,
  bareMs: bareStats,
  middlewareMs: throughStats,
  addedMs: added,
  buildContextAloneMs: stats(contextOnly),
  adapterOwnMs: stats(adapterOwn),
  backgroundWritesMs: stats(writes),
  meanSystemPromptChars: mean(contextTokens),
  exchangesRemembered: remembered,
  errors: errors.length,
  // A shared 2-core machine: the load says how much other work ran alongside.
  loadAverage: loadavg(),
  summary: {
    'added p50 ms': round(added.p50),
    'added p95 ms': round(added.p95),
    'buildContext alone p95 ms': round(stats(contextOnly).p95),
    'adapter own p95 ms': round(stats(adapterOwn).p95),
    'target p95 ms': TARGET_P95_MS,
  },
});
if (errors.length > 0 || !visibleOk || remembered < 1) process.exitCode = 1;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

// A companion character, Mika, talks with Alice over three simulated days through the Vercel AI
// SDK, with Resonant as language-model middleware. Offline by default (a scripted model that cites
// the memories it is shown); with AI_GATEWAY_API_KEY set it talks to a real model through the AI
// Gateway (RESONANT_MODEL, default openai/gpt-4o-mini). Exits 1 if memory was not used.
//
//   pnpm --filter @resonant/example-ai-sdk-companion start
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resonantMiddleware } from '@resonant/ai-sdk';
import { createMemory, createTiktokenCounter, formatBudgetReport, type BuildContextResult } from '@resonant/core';
import { gateway, generateText, streamText, wrapLanguageModel } from 'ai';
import { createScriptedCompanionModel } from './scripted-companion-model.js';

const NAMESPACE = 'user:alice/agent:mika';
const PERSONA = 'You are Mika, a warm and playful companion. Answer in two or three sentences.';
const DAYS: { date: string; messages: { text: string; mode: 'generate' | 'stream' }[] }[] = [
  {
    date: '2025-06-02T19:00:00Z',
    messages: [
      { text: 'Hi Mika! I just adopted a grey kitten and named her Miso!', mode: 'generate' },
      { text: "I'm nervous, my nursing exam is on Friday.", mode: 'stream' },
    ],
  },
  {
    date: '2025-06-04T07:30:00Z',
    messages: [
      { text: 'Miso the kitten knocked my coffee off the table this morning, haha.', mode: 'stream' },
      { text: 'Still nervous about the nursing exam. Any advice?', mode: 'generate' },
    ],
  },
  {
    date: '2025-06-06T18:00:00Z',
    messages: [
      { text: 'I passed the nursing exam!!! I can not believe it!', mode: 'stream' },
      { text: 'Do you remember what I named my grey kitten?', mode: 'generate' },
    ],
  },
];

const realModel = process.env.AI_GATEWAY_API_KEY ? (process.env.RESONANT_MODEL ?? 'openai/gpt-4o-mini') : null;
const memoryBudget = Number(process.env.COMPANION_MEMORY_BUDGET ?? 400);
const directory = mkdtempSync(join(tmpdir(), 'resonant-companion-'));
let now = new Date(DAYS[0]!.date);
const clock = () => now;

const memory = await createMemory({ path: join(directory, 'memory.db'), clock });
const contexts: BuildContextResult[] = [];
const errors: string[] = [];
const middleware = resonantMiddleware({
  memory,
  namespace: NAMESPACE,
  // A 8k window split by category; memory gets its own share and the report shows every category.
  budget: {
    window: 8192,
    memory: memoryBudget,
    system: 600,
    conversation: 2000,
    responseReserve: 1000,
    used: { system: createTiktokenCounter().count(PERSONA) },
  },
  clock,
  onContext: (context) => contexts.push(context),
  onError: (error, stage) => errors.push(`${stage}: ${error instanceof Error ? error.message : String(error)}`),
});
const model = wrapLanguageModel({ model: realModel ? gateway(realModel) : createScriptedCompanionModel(), middleware });
console.log(
  `Mika, with ${realModel ? `the real model ${realModel}` : 'the offline scripted model'}; memory in ${directory}\n`,
);

let leaked = 0;
for (const [index, day] of DAYS.entries()) {
  now = new Date(day.date);
  console.log(`=== Day ${index + 1} (${day.date.slice(0, 10)}) ===`);
  for (const message of day.messages) {
    now = new Date(now.getTime() + 5 * 60_000);
    console.log(`Alice: ${message.text}`);
    let reply = '';
    if (message.mode === 'generate') {
      reply = (await generateText({ model, system: PERSONA, prompt: message.text })).text;
      console.log(`Mika:  ${reply}`);
    } else {
      process.stdout.write('Mika:  ');
      for await (const delta of streamText({ model, system: PERSONA, prompt: message.text }).textStream) {
        reply += delta;
        process.stdout.write(delta);
      }
      process.stdout.write('  (streamed)\n');
    }
    if (/<\/?(memory_trace|persona_emotion)/i.test(reply)) leaked += 1;
    const context = contexts.at(-1);
    const cited = context?.included.map((item) => item.reference).join(', ') || 'none yet';
    console.log(
      `       [context: ${context?.included.length ?? 0} memories in ${context?.tokens ?? 0} tokens: ${cited}]\n`,
    );
  }
  await middleware.flush();
  if (contexts.at(-1))
    console.log(`Budget report after day ${index + 1}:\n${formatBudgetReport(contexts.at(-1)!.report)}\n`);
}

await middleware.flush();
const records = (await memory.list({ namespace: NAMESPACE })).records;
const learned = records.filter((record) => record.utility > 0.5);
console.log('What Mika remembers (utility rises when a memory helped):');
for (const record of records) {
  console.log(
    `  m:${record.id}  utility ${record.utility.toFixed(2)}  arousal ${record.arousal.toFixed(2)}  ${record.text.replace(/\s+/g, ' ').slice(0, 70)}`,
  );
}

const contextsWithMemories = contexts.filter((context) => context.included.length > 0).length;
const exchanges = DAYS.reduce((sum, day) => sum + day.messages.length, 0);
console.log(
  `\nmemory used: ${contextsWithMemories} of ${contexts.length} contexts carried memories; ${learned.length} memories learned from citations; ${records.length} of ${exchanges} exchanges remembered; ${leaked} replies leaked tags; ${errors.length} errors`,
);
for (const error of errors) console.error(`error: ${error}`);

await memory.close();
rmSync(directory, { recursive: true, force: true });
// The scripted model always cites what it is shown; a real one may not, so only it must have learned.
const used = contextsWithMemories > 0 && records.length === exchanges && (realModel !== null || learned.length > 0);
if (!used || leaked > 0 || errors.length > 0) {
  console.error('FAILED: memory was not used as expected');
  process.exitCode = 1;
}

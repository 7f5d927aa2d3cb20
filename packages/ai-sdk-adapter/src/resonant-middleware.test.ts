import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMemory,
  createTiktokenCounter,
  FEEDBACK_INSTRUCTION,
  type BuildContextResult,
  type Memory,
} from '@resonant/core';
import { generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { createPersona, ON_MY_MIND_FRAME } from '@resonant/core/persona';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallOptions, GenerateResult, StreamPart } from './ai-sdk-types.js';
import { resonantMiddleware, type ResonantMiddlewareOptions } from './resonant-middleware.js';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 20, text: 20, reasoning: 0 },
};
const finishReason = { unified: 'stop', raw: 'stop' } as const;

/** A model result whose whole text is `text`. */
const generated = (text: string): GenerateResult => ({
  content: [{ type: 'text', text }],
  finishReason,
  usage,
  warnings: [],
});

/** A stream result emitting `chunks` as text deltas of one text block. */
const streamed = (chunks: readonly string[]) => ({
  stream: simulateReadableStream<StreamPart>({
    chunks: [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't1' },
      ...chunks.map((delta): StreamPart => ({ type: 'text-delta', id: 't1', delta })),
      { type: 'text-end', id: 't1' },
      { type: 'finish', finishReason, usage },
    ],
    initialDelayInMs: null,
    chunkDelayInMs: null,
  }),
});

const systemOf = (params: CallOptions | undefined) => {
  const first = params?.prompt[0];
  return first?.role === 'system' ? first.content : '';
};

describe('resonantMiddleware', () => {
  let memory: Memory;
  let tick: number;
  let catId: string;
  let contexts: BuildContextResult[];
  let errors: { error: unknown; stage: string }[];
  const clock = () => new Date((tick += 60_000));

  beforeEach(async () => {
    tick = Date.parse('2025-05-01T08:00:00Z');
    memory = await createMemory({
      path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-ai-sdk-')), 'memory.db'),
      clock,
    });
    catId = (
      await memory.remember({ namespace: 'user:alice', text: 'Alice has a grey cat called Miso who hates the vet.' })
    ).memory.id;
    await memory.remember({ namespace: 'user:alice', text: 'Alice works as a nurse on night shifts.' });
    await memory.remember({ namespace: 'user:bob', text: 'Bob has a cat called Pixel.' });
    contexts = [];
    errors = [];
  });
  afterEach(async () => memory.close());

  const middlewareFor = (overrides: Partial<ResonantMiddlewareOptions> = {}) =>
    resonantMiddleware({
      memory,
      namespace: 'user:alice',
      budget: { tokens: 120 },
      clock,
      onContext: (context) => contexts.push(context),
      onError: (error, stage) => errors.push({ error, stage }),
      ...overrides,
    });

  it('generateText: injects the budgeted context, strips the tags, applies feedback and remembers the exchange', async () => {
    const reply = `Poor Miso! <memory_trace id="m:${catId}" resonance="0.9"/>Vets are scary for cats.<persona_emotion category="sadness" intensity="0.6"/>`;
    const model = new MockLanguageModelV3({ doGenerate: generated(reply) });
    const middleware = middlewareFor();
    const before = (await memory.get(catId))!;

    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      system: 'You are Mika, a kind companion.',
      prompt: 'My cat has to go to the vet tomorrow.',
    });

    expect(result.text).toBe('Poor Miso! Vets are scary for cats.');
    const system = systemOf(model.doGenerateCalls[0]);
    expect(system.startsWith('You are Mika, a kind companion.\n\n')).toBe(true);
    expect(system).toContain(FEEDBACK_INSTRUCTION);
    expect(system).toMatch(new RegExp(`\\nm:${catId.slice(0, 4)}\\w* `, 'u'));
    expect(system).toContain(contexts[0]!.text);
    expect(system).not.toContain('Pixel'); // bob's memories stay in bob's namespace
    expect(contexts[0]!.tokens).toBeGreaterThan(0);
    expect(contexts[0]!.tokens).toBeLessThanOrEqual(120);

    await middleware.flush();
    const after = (await memory.get(catId))!;
    expect(after.utility).toBeGreaterThan(before.utility);
    const episodes = (await memory.list({ namespace: 'user:alice', filter: { kind: ['episode'] } })).records;
    const exchange = episodes.find((record) => record.text.startsWith('User: My cat has to go to the vet tomorrow.'));
    expect(exchange?.text).toBe(
      'User: My cat has to go to the vet tomorrow.\nAssistant: Poor Miso! Vets are scary for cats.',
    );
    expect(exchange!.arousal).toBeGreaterThan(0);
    expect(exchange!.valence).toBeLessThan(0); // sadness
    expect(errors).toEqual([]);
  });

  it('counts the prompt into a window budget, so a long conversation takes its excess from memory', async () => {
    const counter = createTiktokenCounter();
    const earlier = 'Tell me everything about cats and vets. '.repeat(40);
    const messages = [
      { role: 'user' as const, content: earlier },
      { role: 'assistant' as const, content: 'Cats dislike car rides; a carrier with a towel helps.' },
      { role: 'user' as const, content: 'Does Miso hate the vet?' },
    ];
    const budget = { window: 1200, system: 100, conversation: 300, responseReserve: 200 };
    const model = new MockLanguageModelV3({ doGenerate: generated('She does.') });
    const middleware = middlewareFor({ budget });
    await generateText({ model: wrapLanguageModel({ model, middleware }), system: 'You are Mika.', messages });
    await middleware.flush();

    const report = contexts[0]!.report;
    const line = (category: string) => report.categories.find((entry) => entry.category === category)!;
    expect(line('conversation').used).toBe(messages.reduce((sum, message) => sum + counter.count(message.content), 0));
    expect(line('system').used).toBe(counter.count(`You are Mika.\n\n${FEEDBACK_INSTRUCTION}`));
    // The conversation overran its 300: memory gets what the window has left, and the total fits.
    expect(contexts[0]!.tokens).toBeLessThanOrEqual(1200 - line('system').used - line('conversation').used - 200);
    expect(report.total.used).toBeLessThanOrEqual(1200);
  });

  it('streamText: strips tags split across chunks at every boundary, and nothing visible is lost', async () => {
    const tag = `<memory_trace id="m:${catId}" resonance="0.8"/>`;
    const full = `Miso again?${tag} Give her a treat after <3<persona_emotion category="joy" intensity="0.7"/> See you!`;
    const visible = 'Miso again? Give her a treat after <3 See you!';
    const middleware = middlewareFor({ remember: false });
    for (let cut = 1; cut < full.length; cut += 3) {
      const second = Math.min(full.length - 1, cut + 7);
      const chunks = [full.slice(0, cut), full.slice(cut, second), full.slice(second)].filter(Boolean);
      const model = new MockLanguageModelV3({ doStream: streamed(chunks) });
      const result = streamText({
        model: wrapLanguageModel({ model, middleware }),
        prompt: 'Miso hid under the bed again',
      });
      const seen: string[] = [];
      for await (const delta of result.textStream) seen.push(delta);
      expect(seen.join('')).toBe(visible);
      expect(seen.some((delta) => delta.includes('memory_trace') || delta.includes('persona_'))).toBe(false);
    }
    await middleware.flush();
    expect((await memory.get(catId))!.utility).toBeGreaterThan(0.5);
    expect(errors).toEqual([]);
  });

  it('streamText: remembers the streamed exchange once the stream finishes', async () => {
    const model = new MockLanguageModelV3({
      doStream: streamed(['I remember ', 'Miso! <persona_emo', 'tion category="joy" intensity="0.9"/>']),
    });
    const middleware = middlewareFor();
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'Guess who came home from the vet!',
    });
    expect(await result.text).toBe('I remember Miso! ');
    await middleware.flush();
    const [latest] = (await memory.list({ namespace: 'user:alice' })).records.slice(-1);
    expect(latest?.text).toBe('User: Guess who came home from the vet!\nAssistant: I remember Miso! ');
    expect(latest!.valence).toBeGreaterThan(0);
  });

  it('keeps the injected memory block within the budget when many memories are relevant', async () => {
    await memory.rememberMany(
      Array.from({ length: 60 }, (_, day) => ({
        namespace: 'user:alice',
        text: `Day ${day}: Alice fed Miso the cat salmon and they watched the rain together for a while.`,
      })),
    );
    const model = new MockLanguageModelV3({ doGenerate: generated('Miso eats well.') });
    const middleware = middlewareFor({ budget: { tokens: 80 } });
    await generateText({ model: wrapLanguageModel({ model, middleware }), prompt: 'What does Miso the cat eat?' });
    const [context] = contexts;
    const system = systemOf(model.doGenerateCalls[0]);
    expect(context!.included.length).toBeGreaterThan(0);
    // 61 relevant memories cannot all fit 80 tokens in full: packing had to choose (summarize, fold or drop).
    expect(context!.included.filter((item) => item.mode === 'full').length).toBeLessThan(10);
    expect(system.endsWith(context!.text)).toBe(true);
    expect(createTiktokenCounter().count(context!.text)).toBeLessThanOrEqual(80);
    expect(context!.report.categories.find((line) => line.category === 'memory')).toMatchObject({
      used: context!.tokens,
      budget: 80,
    });
  });

  it('chooses the namespace per call and never leaks another namespace', async () => {
    const model = new MockLanguageModelV3({ doGenerate: generated('Hi!') });
    const middleware = middlewareFor({
      namespace: (params) => String((params.providerOptions?.resonant as { user?: string } | undefined)?.user),
    });
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'Tell me about my cat',
      providerOptions: { resonant: { user: 'user:bob' } },
    });
    const system = systemOf(model.doGenerateCalls[0]);
    expect(system).toContain('Pixel');
    expect(system).not.toContain('Miso');
    await middleware.flush();
    expect((await memory.stats({ namespace: 'user:bob' })).count).toBe(2);
    expect((await memory.stats({ namespace: 'user:alice' })).count).toBe(2);
  });

  it('never blocks the response on writes, and flush waits for them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowMemory: Memory = Object.assign(Object.create(memory) as Memory, {
      remember: async (input: Parameters<Memory['remember']>[0]) => {
        await gate;
        return memory.remember(input);
      },
    });
    const middleware = middlewareFor({ memory: slowMemory });
    const model = new MockLanguageModelV3({ doStream: streamed(['Hello', ' there']) });
    const result = streamText({ model: wrapLanguageModel({ model, middleware }), prompt: 'Hello!' });
    expect(await result.text).toBe('Hello there'); // the stream finished with the write still held
    let flushed = false;
    const flushing = middleware.flush().then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    release();
    await flushing;
    expect((await memory.list({ namespace: 'user:alice' })).records.at(-1)?.text).toBe(
      'User: Hello!\nAssistant: Hello there',
    );
  });

  it('reports memory failures through onError and still answers', async () => {
    const broken: Memory = Object.assign(Object.create(memory) as Memory, {
      buildContext: async () => {
        throw new Error('index offline');
      },
      applyFeedback: async () => {
        throw new Error('disk full');
      },
    });
    const model = new MockLanguageModelV3({
      doGenerate: generated(`Ok.<memory_trace id="m:${catId}" resonance="1"/>`),
    });
    const middleware = middlewareFor({ memory: broken });
    const result = await generateText({ model: wrapLanguageModel({ model, middleware }), prompt: 'Anything?' });
    expect(result.text).toBe('Ok.');
    expect(systemOf(model.doGenerateCalls[0])).toBe('');
    await middleware.flush();
    expect(errors.map(({ stage, error }) => `${stage}: ${(error as Error).message}`)).toEqual([
      'context: index offline',
      'feedback: disk full',
    ]);
    expect((await memory.list({ namespace: 'user:alice' })).records.at(-1)?.text).toBe(
      'User: Anything?\nAssistant: Ok.',
    ); // the episode still lands
  });

  it('with a persona: the prompt opens with its "on my mind" section and the persona emotions move relatedness', async () => {
    const persona = createPersona({ memory, clock });
    await persona.addQuestion({
      namespace: 'user:alice',
      text: 'What is Miso afraid of, besides the vet?',
      priority: 0.8,
    });
    const before = (await persona.inspect({ namespace: 'user:alice' })).drives.relatedness;
    const model = new MockLanguageModelV3({
      doGenerate: generated('I am so glad you told me.<persona_emotion category="gratitude" intensity="0.9"/>'),
    });
    const middleware = middlewareFor({ persona });

    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'Thank you for listening yesterday.',
    });
    await middleware.flush();

    expect(result.text).toBe('I am so glad you told me.');
    const system = systemOf(model.doGenerateCalls[0]);
    expect(system).toContain(`${ON_MY_MIND_FRAME.open}\n- wondering: What is Miso afraid of, besides the vet?`);
    expect(contexts[0]!.prefaceTokens).toBeGreaterThan(0);
    expect(contexts[0]!.tokens).toBeLessThanOrEqual(120);
    expect((await persona.inspect({ namespace: 'user:alice' })).drives.relatedness).toBeGreaterThan(before);
    expect(errors).toEqual([]);
  });

  it('rejects invalid options with a typed error', () => {
    expect(() => resonantMiddleware({ memory, namespace: '', budget: { tokens: 100 } })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

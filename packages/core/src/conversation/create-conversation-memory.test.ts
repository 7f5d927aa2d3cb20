import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appraiseExchange } from '../affect/appraise-exchange.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';
import { createPersona } from '../persona/create-persona.js';
import { createConversationMemory } from './create-conversation-memory.js';
import { FEEDBACK_INSTRUCTION } from '../feedback/feedback-instruction.js';
import { parseFeedbackTags } from '../feedback/parse-feedback-tags.js';

describe('createConversationMemory', () => {
  let memory: Memory;
  let tick: number;
  const clock = () => new Date((tick += 1000));

  beforeEach(async () => {
    tick = Date.parse('2025-05-01T08:00:00Z');
    memory = await createMemory({
      path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-conversation-')), 'memory.db'),
      clock,
    });
  });
  afterEach(async () => memory.close());

  it('with a persona: the context opens with "on my mind" inside the budget, and exchanges feed its drives', async () => {
    await memory.remember({ namespace: 'u', text: 'The cat Miso hates the vet.' });
    const persona = createPersona({ memory });
    await persona.addQuestion({ namespace: 'u', text: 'Did the vet visit go well?', priority: 0.8 });
    const conversation = createConversationMemory({ memory, budget: { tokens: 100 }, clock, persona });
    const contexts: { tokens: number; prefaceTokens: number }[] = [];
    const withContexts = createConversationMemory({
      memory,
      budget: { tokens: 100 },
      clock,
      persona,
      onContext: (context) => contexts.push(context),
    });
    const system = await withContexts.prepareTurn({ namespace: 'u', userText: 'Miso goes to the vet today' });
    expect(system).toContain(
      `${FEEDBACK_INSTRUCTION}\n\n<on_my_mind>\n- wondering: Did the vet visit go well?\n</on_my_mind>\n\n<memories>`,
    );
    expect(contexts[0]!.tokens).toBeLessThanOrEqual(100);
    expect(contexts[0]!.prefaceTokens).toBeGreaterThan(0);

    const before = (await persona.inspect({ namespace: 'u' })).drives.relatedness;
    const reply = parseFeedbackTags('Thank you for telling me!<persona_emotion category="gratitude" intensity="0.9"/>');
    conversation.recordTurn({
      namespace: 'u',
      userText: 'Miso goes to the vet today',
      assistantText: reply.text,
      tags: reply.tags,
    });
    await conversation.flush();
    const after = await persona.inspect({ namespace: 'u' });
    expect(after.drives.relatedness).toBeGreaterThan(before);
    expect(after.inConversation).toBe(true);
    expect(after.drives.boredom).toBeLessThan(0.01);
  });

  it('prepares the instruction and the budgeted context, then records feedback and the exchange in order', async () => {
    const { memory: cat } = await memory.remember({ namespace: 'u', text: 'The cat Miso hates the vet.' });
    const conversation = createConversationMemory({ memory, budget: { tokens: 100 }, clock });

    const system = await conversation.prepareTurn({ namespace: 'u', userText: 'Miso goes to the vet today' });
    expect(system?.startsWith(`${FEEDBACK_INSTRUCTION}\n\n<memories>`)).toBe(true);
    // Cited by the shortest prefix unique in the namespace; the model's trace of it reaches the memory.
    expect(system).toContain(`m:${cat.id.slice(0, 4)} `);
    // Reinforcing what the context showed is a write too: queued, not on the response path.
    expect((await memory.get(cat.id))!.accessCount).toBe(0);

    const reply = parseFeedbackTags(
      `Poor Miso!<memory_trace id="m:${cat.id.slice(0, 4)}" resonance="1"/><persona_emotion category="sadness" intensity="0.8"/>`,
    );
    conversation.recordTurn({
      namespace: 'u',
      userText: 'Miso goes to the vet today',
      assistantText: reply.text,
      tags: reply.tags,
    });
    expect((await memory.list({ namespace: 'u' })).records).toHaveLength(1); // nothing written before the response is out
    await conversation.flush();

    expect((await memory.get(cat.id))!.utility).toBeGreaterThan(0.5);
    expect((await memory.get(cat.id))!.accessCount).toBe(2); // shown in the context, then cited
    const episode = (await memory.list({ namespace: 'u' })).records[1]!;
    expect(episode).toMatchObject({ kind: 'episode', text: 'User: Miso goes to the vet today\nAssistant: Poor Miso!' });
    expect(episode.valence).toBeLessThan(0);
    const appraisal = appraiseExchange({ text: episode.text, emotions: [{ category: 'sadness', intensity: 0.8 }] });
    expect(episode.arousal).toBeCloseTo(appraisal.arousal, 6);
    expect(episode.arousal).toBeGreaterThan(0);
  });

  it('builds the next context after the writes of earlier turns', async () => {
    const conversation = createConversationMemory({ memory, budget: { tokens: 200 } });
    conversation.recordTurn({
      namespace: 'u',
      userText: 'My sister Hana lives in Osaka',
      assistantText: 'Noted!',
      tags: [],
    });
    const system = await conversation.prepareTurn({ namespace: 'u', userText: 'Where does Hana live?' });
    expect(system).toContain('My sister Hana lives in Osaka');
    await conversation.flush(); // the context's reinforcement is queued: let it land before the memory closes
  });

  it('pairs a reply recorded without the user text with the latest turn prepared in its namespace, once', async () => {
    const conversation = createConversationMemory({ memory, budget: { tokens: 100 } });
    await conversation.prepareTurn({ namespace: 'u', userText: 'first question' });
    await conversation.prepareTurn({ namespace: 'u', userText: 'Where is Hana?' });
    await conversation.prepareTurn({ namespace: 'v', userText: 'Other namespace' });
    conversation.recordTurn({ namespace: 'u', assistantText: 'In Osaka.', tags: [] });
    conversation.recordTurn({ namespace: 'u', assistantText: 'A reply to nothing.', tags: [] });
    conversation.recordTurn({ namespace: 'v', userText: 'Given explicitly', assistantText: 'Sure.', tags: [] });
    await conversation.flush();
    expect((await memory.list({ namespace: 'u' })).records.map((record) => record.text)).toEqual([
      'User: Where is Hana?\nAssistant: In Osaka.',
    ]);
    expect((await memory.list({ namespace: 'v' })).records.map((record) => record.text)).toEqual([
      'User: Given explicitly\nAssistant: Sure.',
    ]);
  });

  it('only feeds back when remembering is off or the question is unknown', async () => {
    const { memory: fact } = await memory.remember({ namespace: 'u', text: 'Fact.' });
    const tags = [{ type: 'memory_trace' as const, id: fact.id, resonance: 0.9 }];
    const off = createConversationMemory({ memory, budget: { tokens: 50 }, remember: false });
    off.recordTurn({ namespace: 'u', userText: 'Q', assistantText: 'A', tags });
    const anonymous = createConversationMemory({ memory, budget: { tokens: 50 } });
    anonymous.recordTurn({ namespace: 'u', userText: '  ', assistantText: 'A', tags });
    await Promise.all([off.flush(), anonymous.flush()]);
    expect((await memory.stats({ namespace: 'u' })).count).toBe(1);
    expect((await memory.get(fact.id))!.utility).toBeGreaterThan(0.6);
  });

  it('reports every failure to onError, keeps going, and survives a throwing handler', async () => {
    const stages: string[] = [];
    const broken: Memory = Object.assign(Object.create(memory) as Memory, {
      buildContext: async () => {
        throw new Error('index offline');
      },
      remember: async () => {
        throw new Error('disk full');
      },
    });
    const conversation = createConversationMemory({
      memory: broken,
      budget: { tokens: 50 },
      onError: (error, stage) => stages.push(`${stage}: ${(error as Error).message}`),
    });
    expect(await conversation.prepareTurn({ namespace: 'u', userText: 'hi' })).toBeNull();
    conversation.recordTurn({ namespace: 'u', userText: 'hi', assistantText: 'hello', tags: [] });
    conversation.recordTurn({ namespace: 'u', userText: 'again', assistantText: 'hello again', tags: [] });
    await conversation.flush();
    expect(stages).toEqual(['context: index offline', 'remember: disk full', 'remember: disk full']);

    const throwing = createConversationMemory({
      memory: broken,
      budget: { tokens: 50 },
      onError: () => {
        throw new Error('handler bug');
      },
    });
    const consoleError = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      throwing.recordTurn({ namespace: 'u', userText: 'hi', assistantText: 'hello', tags: [] });
      await throwing.flush();
    } finally {
      console.error = consoleError;
    }
    expect(String(logged[0]?.[0])).toContain('onError threw');
  });

  it('validates its options once, with a typed error', () => {
    expect(() => createConversationMemory({ memory, budget: { tokens: -1 } })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    // A memory without reinforce (an older copy of core) would fail every turn later; it fails here instead.
    const { reinforce: _reinforce, ...withoutReinforce } = {
      buildContext: memory.buildContext,
      applyFeedback: memory.applyFeedback,
      remember: memory.remember,
      reinforce: memory.reinforce,
    };
    expect(() =>
      createConversationMemory({ memory: withoutReinforce as unknown as Memory, budget: { tokens: 50 } }),
    ).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
});

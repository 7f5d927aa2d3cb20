import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import {
  END,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
  type LangGraphRunnableConfig,
} from '@langchain/langgraph';
import {
  createMemory,
  createTiktokenCounter,
  FEEDBACK_INSTRUCTION,
  type BuildContextResult,
  type Memory,
} from '@resonant/core';
import { createPersona, ON_MY_MIND_FRAME } from '@resonant/core/persona';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResonantRunnables, type ResonantRunnablesOptions } from './create-resonant-runnables.js';
import { createLangChainSummarizer } from './create-langchain-summarizer.js';
import { ResonantStore } from './resonant-store.js';

/** A FakeListChatModel that also keeps the messages it was sent. */
class RecordingChatModel extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];
  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions']) {
    this.received.push(messages);
    return super._generate(messages, options);
  }
  override async *_streamResponseChunks(messages: BaseMessage[], options: this['ParsedCallOptions']) {
    this.received.push(messages);
    yield* super._streamResponseChunks(messages, options);
  }
}

describe('createResonantRunnables', () => {
  let memory: Memory;
  let catId: string;
  let tick: number;
  let contexts: BuildContextResult[];
  let errors: string[];
  const clock = () => new Date((tick += 60_000));

  beforeEach(async () => {
    tick = Date.parse('2025-05-01T08:00:00Z');
    memory = await createMemory({
      path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-lc-')), 'memory.db'),
      clock,
    });
    catId = (
      await memory.remember({ namespace: 'user:alice', text: 'Alice has a grey cat called Miso who hates the vet.' })
    ).memory.id;
    await memory.remember({ namespace: 'user:bob', text: 'Bob has a cat called Pixel.' });
    contexts = [];
    errors = [];
  });
  afterEach(async () => memory.close());

  const runnables = (overrides: Partial<ResonantRunnablesOptions> = {}) =>
    createResonantRunnables({
      memory,
      namespace: (config) => String(config?.configurable?.user ?? 'user:alice'),
      budget: { tokens: 150 },
      clock,
      onContext: (context) => contexts.push(context),
      onError: (error, stage) => errors.push(`${stage}: ${(error as Error).message}`),
      ...overrides,
    });

  it('counts the prompt into a window budget: system text with the instruction, and every message', async () => {
    const counter = createTiktokenCounter();
    const { injectContext, flush } = runnables({ budget: { window: 4000, conversation: 500 } });
    const history = [
      new SystemMessage('You are Mika.'),
      new HumanMessage('Hi Mika!'),
      new AIMessage('Hello Alice, how is Miso?'),
      new HumanMessage('Miso has to see the vet.'),
    ];
    await injectContext.invoke(history);
    await flush();

    const used = Object.fromEntries(contexts[0]!.report.categories.map((line) => [line.category, line.used]));
    expect(used.system).toBe(counter.count(`You are Mika.\n\n${FEEDBACK_INSTRUCTION}`));
    expect(used.conversation).toBe(
      ['Hi Mika!', 'Hello Alice, how is Miso?', 'Miso has to see the vet.'].reduce(
        (sum, text) => sum + counter.count(text),
        0,
      ),
    );
    expect(errors).toEqual([]);
  });

  it('invoke: injects the context after the prompt, strips the tags, applies feedback, remembers the exchange', async () => {
    const model = new RecordingChatModel({
      responses: [
        `Poor Miso!<memory_trace id="m:${catId}" resonance="0.9"/> Vets are scary.<persona_emotion category="sadness" intensity="0.5"/>`,
      ],
    });
    const { injectContext, stripFeedback, flush } = runnables();
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'You are Mika.'],
      ['human', '{question}'],
    ]);
    const chain = prompt.pipe(injectContext).pipe(model).pipe(stripFeedback);

    const answer = await chain.invoke({ question: 'Miso has to see the vet tomorrow.' });

    expect(answer).toBe('Poor Miso! Vets are scary.');
    const [system, human] = model.received[0]!;
    expect(system).toBeInstanceOf(SystemMessage);
    expect(system!.text.startsWith(`You are Mika.\n\n${FEEDBACK_INSTRUCTION}`)).toBe(true);
    expect(system!.text).toMatch(new RegExp(`\\nm:${catId.slice(0, 4)}\\w* `, 'u'));
    expect(system!.text).not.toContain('Pixel');
    expect(human!.text).toBe('Miso has to see the vet tomorrow.');
    expect(contexts[0]!.tokens).toBeLessThanOrEqual(150);

    await flush();
    expect((await memory.get(catId))!.utility).toBeGreaterThan(0.5);
    const latest = (await memory.list({ namespace: 'user:alice' })).records.at(-1)!;
    expect(latest.text).toBe('User: Miso has to see the vet tomorrow.\nAssistant: Poor Miso! Vets are scary.');
    expect(latest.valence).toBeLessThan(0);
    expect(errors).toEqual([]);
  });

  it('with a persona: the context opens with its "on my mind" section and the persona emotions move relatedness', async () => {
    const persona = createPersona({ memory, clock });
    await persona.addGoal({ namespace: 'user:alice', text: 'Help Alice get Miso used to the vet', priority: 0.7 });
    const before = (await persona.inspect({ namespace: 'user:alice' })).drives.relatedness;
    const model = new RecordingChatModel({
      responses: ['That means a lot.<persona_emotion category="love" intensity="0.8"/>'],
    });
    const { injectContext, stripFeedback, flush } = runnables({ persona });

    const answer = await injectContext
      .pipe(model)
      .pipe(stripFeedback)
      .invoke([new HumanMessage('I trust you with Miso.')]);
    await flush();

    expect(answer).toBe('That means a lot.');
    expect(model.received[0]![0]!.text).toContain(
      `${ON_MY_MIND_FRAME.open}\n- goal (progress 0%): Help Alice get Miso used to the vet`,
    );
    expect(contexts[0]!.prefaceTokens).toBeGreaterThan(0);
    expect((await persona.inspect({ namespace: 'user:alice' })).drives.relatedness).toBeGreaterThan(before);
    expect(errors).toEqual([]);
  });

  it('stream: strips tags from character-sized chunks, emitting only visible text', async () => {
    const model = new FakeListChatModel({
      responses: [
        `Miso<memory_trace id="m:${catId}" resonance="0.8"/> again <3 <persona_emotion category="joy" intensity="0.8"/>bye`,
      ],
    });
    const { injectContext, stripFeedback, flush } = runnables();
    const chain = injectContext.pipe(model).pipe(stripFeedback);
    const chunks: string[] = [];
    for await (const chunk of await chain.stream([new HumanMessage('How is Miso?')])) chunks.push(chunk);

    expect(chunks.join('')).toBe('Miso again <3 bye');
    expect(chunks.length).toBeGreaterThan(5); // streamed, not buffered
    expect(chunks.some((chunk) => /[<](?:memory|persona)|trace|resonance/.test(chunk))).toBe(false);
    await flush();
    expect((await memory.get(catId))!.utility).toBeGreaterThan(0.5);
    expect((await memory.list({ namespace: 'user:alice' })).records.at(-1)!.text).toBe(
      'User: How is Miso?\nAssistant: Miso again <3 bye',
    );
  });

  it('runs inside a StateGraph compiled with a ResonantStore, per user, across threads', async () => {
    const model = new RecordingChatModel({
      responses: ['Got it, Pixel likes tuna.', `Pixel likes tuna!<memory_trace id="m:x" resonance="1"/>`],
    });
    const { injectContext, stripFeedback, flush } = runnables();
    // With an empty prefix, LangGraph's ['users', 'bob'] is Resonant's 'users/bob': the store and the chain share it.
    const store = new ResonantStore({ memory, prefix: '' });
    const agent = async (state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) => {
      const last = state.messages.at(-1)!.text;
      if (/likes/.test(last)) await config.store!.put(['users', 'bob'], 'food', { text: last });
      const messages = await injectContext.invoke(state.messages, config);
      const reply = await model.pipe(stripFeedback).invoke(messages, config);
      return { messages: [new AIMessage(reply)] };
    };
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', agent)
      .addEdge(START, 'agent')
      .addEdge('agent', END)
      .compile({ store, checkpointer: new MemorySaver() });

    await graph.invoke(
      { messages: [new HumanMessage('Pixel likes tuna.')] },
      { configurable: { thread_id: 'a', user: 'users/bob' } },
    );
    const result = await graph.invoke(
      { messages: [new HumanMessage('What does Pixel eat?')] },
      { configurable: { thread_id: 'b', user: 'users/bob' } },
    );

    expect(result.messages.at(-1)!.text).toBe('Pixel likes tuna!');
    const secondSystem = model.received[1]![0]!.text;
    expect(secondSystem).toContain('Pixel likes tuna.'); // stored in thread a, injected in thread b
    expect(secondSystem).not.toContain('Miso'); // alice's namespace stays out
    await flush();
    const bobTexts = (await memory.list({ namespace: 'users/bob' })).records.map((record) => record.text);
    expect(bobTexts).toContain('User: What does Pixel eat?\nAssistant: Pixel likes tuna!');
    expect(errors).toEqual([]);
  });

  it('reports a failing context through onError and answers without memory', async () => {
    const broken: Memory = Object.assign(Object.create(memory) as Memory, {
      buildContext: async () => {
        throw new Error('index offline');
      },
    });
    const model = new RecordingChatModel({ responses: ['Hello.'] });
    const { injectContext, stripFeedback } = runnables({ memory: broken });
    expect(await injectContext.pipe(model).pipe(stripFeedback).invoke('Hi')).toBe('Hello.');
    expect(model.received[0]!.map((message) => message.type)).toEqual(['human']);
    expect(errors).toEqual(['context: index offline']);
  });

  it('rejects invalid options with a typed error', () => {
    expect(() =>
      createResonantRunnables({
        memory,
        namespace: 'n',
        budget: { tokens: 100 },
        remember: 'yes' as unknown as boolean,
      }),
    ).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('createLangChainSummarizer', () => {
  it('sends the shared summarizer prompt to the chat model and returns its trimmed text', async () => {
    const model = new RecordingChatModel({ responses: ['  Miso saw the vet on 3 May.  '] });
    const summary = await createLangChainSummarizer({ model })({
      texts: ['On 3 May Alice took Miso to the vet.'],
      targetTokens: 20,
      preserve: ['Miso'],
    });
    expect(summary).toBe('Miso saw the vet on 3 May.');
    const [system, human] = model.received[0]!;
    expect(system!.text).toContain('Keep these verbatim where they occur: Miso.');
    expect(human!.text).toContain('On 3 May Alice took Miso to the vet.');
  });
});

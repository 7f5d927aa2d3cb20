import type { CallbackManagerForChainRun } from '@langchain/core/callbacks/manager';
import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { BasePromptValueInterface } from '@langchain/core/prompt_values';
import { Runnable, RunnableLambda, type RunnableConfig } from '@langchain/core/runnables';
import {
  createExchangeRecorder,
  createTagStripper,
  FEEDBACK_INSTRUCTION,
  type BuildContextOptions,
  type BuildContextResult,
  type ExchangeRecorder,
  type ExchangeStage,
  type Memory,
  type Summarizer,
} from '@resonant/core';
import { z } from 'zod';
import { parseOptions } from './parse-options.js';

/** Options of {@link createResonantRunnables}. */
export interface ResonantRunnablesOptions {
  memory: Memory;
  /** Whose memory: one namespace, or one per run (for example from `config.configurable`). */
  namespace: string | ((config: RunnableConfig | undefined) => string);
  /** Budget of the memory block, passed to `memory.buildContext` (the tag instruction comes on top). */
  budget: BuildContextOptions['budget'];
  /** Model or encoding name for exact token counts; default: core's (`o200k_base`). */
  model?: string;
  /** Summarizer for memories that must shrink to fit (see `createLangChainSummarizer`). */
  summarize?: Summarizer;
  /** Remember each exchange as an episode. @default true */
  remember?: boolean;
  /** The instruction teaching the tag grammar. @default FEEDBACK_INSTRUCTION */
  instruction?: string;
  clock?: () => Date;
  onContext?: (context: BuildContextResult, namespace: string) => void;
  /** Called with every error of memory work; the chain goes on without memory. Default: `console.error`. */
  onError?: (error: unknown, stage: ExchangeStage) => void;
}

/** What the context runnable accepts: a prompt value, messages, or the user's text. */
export type ResonantContextInput = BasePromptValueInterface | BaseMessage[] | string;

/** The two ends of a chain around a chat model, sharing one memory and one write queue. */
export interface ResonantRunnables {
  /** Adds the tag instruction and the budgeted context for the latest human message to the system message. */
  injectContext: Runnable<ResonantContextInput, BaseMessage[]>;
  /** Strips feedback tags from the model's output (streamed or not), applies them, remembers the exchange; emits the visible text. */
  stripFeedback: Runnable<BaseMessage | string, string>;
  /** Resolves once every write of finished runs is durable or was passed to `onError`. */
  flush(): Promise<void>;
}

const fn = <T>() => z.custom<T>((value) => typeof value === 'function', 'must be a function');
const optionsSchema = z
  .object({
    memory: z.custom<Memory>((value) => typeof value === 'object' && value !== null && 'buildContext' in value, 'must be a Resonant Memory'),
    namespace: z.union([z.string().min(1), fn<(config: RunnableConfig | undefined) => string>()]),
    budget: z.custom<BuildContextOptions['budget']>((value) => typeof value === 'object' && value !== null, 'must be a budget such as { tokens: 800 }'),
    model: z.string().min(1).optional(),
    summarize: fn<Summarizer>().optional(),
    remember: z.boolean().optional(),
    instruction: z.string().optional(),
    clock: fn<() => Date>().optional(),
    onContext: fn<(context: BuildContextResult, namespace: string) => void>().optional(),
    onError: fn<(error: unknown, stage: ExchangeStage) => void>().optional(),
  })
  .strict();

const textOf = (value: BaseMessage | string) => (typeof value === 'string' ? value : value.text);

/** Strips and records one run's output; a new one per run keeps runs independent. */
class FeedbackTransform extends Runnable<BaseMessage | string, string> {
  lc_namespace = ['resonant', 'feedback'];

  constructor(private readonly finish: (config: RunnableConfig | undefined, visible: string, tags: ReturnType<ReturnType<typeof createTagStripper>['end']>['tags']) => void) {
    super();
  }

  override invoke(input: BaseMessage | string, options?: RunnableConfig): Promise<string> {
    return this._callWithConfig(async (value: BaseMessage | string) => {
      const stripper = createTagStripper();
      const visible = stripper.push(textOf(value));
      const rest = stripper.end();
      this.finish(options, visible + rest.text, rest.tags);
      return visible + rest.text;
    }, input, options);
  }

  private async *strip(chunks: AsyncGenerator<BaseMessage | string>, options: RunnableConfig | undefined): AsyncGenerator<string> {
    const stripper = createTagStripper();
    let visible = '';
    for await (const chunk of chunks) {
      const text = stripper.push(textOf(chunk));
      visible += text;
      if (text) yield text;
    }
    const rest = stripper.end();
    if (rest.text) yield rest.text;
    this.finish(options, visible + rest.text, rest.tags);
  }

  override transform(generator: AsyncGenerator<BaseMessage | string>, options?: Partial<RunnableConfig>): AsyncGenerator<string> {
    return this._transformStreamWithConfig(generator, (chunks: AsyncGenerator<BaseMessage | string>, _run?: CallbackManagerForChainRun) => this.strip(chunks, options), options);
  }

  override async *_streamIterator(input: BaseMessage | string, options?: RunnableConfig): AsyncGenerator<string> {
    yield* this.transform((async function* () { yield input; })(), options);
  }
}

/**
 * Resonant memory around any LangChain chat model:
 * `injectContext.pipe(model).pipe(stripFeedback)`. The exchange pairs the latest human message that
 * `injectContext` saw in a namespace with the next output `stripFeedback` finishes there, which is
 * exact when a namespace has one conversation turn in flight at a time. Writes never delay the
 * output; each context is built after the writes of the runs that finished before it.
 */
export function createResonantRunnables(options: ResonantRunnablesOptions): ResonantRunnables {
  const parsed = parseOptions(optionsSchema, options, 'createResonantRunnables options');
  const { memory, budget, model, summarize, clock, onContext } = parsed;
  const instruction = parsed.instruction ?? FEEDBACK_INSTRUCTION;
  const recorder: ExchangeRecorder = createExchangeRecorder({ memory, clock, remember: parsed.remember ?? true, onError: parsed.onError });
  const pendingQuestion = new Map<string, string>();
  const namespaceOf = (config: RunnableConfig | undefined) => (typeof parsed.namespace === 'string' ? parsed.namespace : parsed.namespace(config));

  const injectContext = RunnableLambda.from(async (input: ResonantContextInput, config?: RunnableConfig): Promise<BaseMessage[]> => {
    const messages = typeof input === 'string' ? [new HumanMessage(input)] : Array.isArray(input) ? input : input.toChatMessages();
    const query = messages.findLast((message) => message.type === 'human')?.text.trim();
    if (!query) return messages;
    let context: BuildContextResult;
    try {
      const namespace = namespaceOf(config);
      pendingQuestion.set(namespace, query);
      await recorder.settled();
      context = await memory.buildContext({ namespace, query, budget, model, summarize, now: clock?.() });
      onContext?.(context, namespace);
    } catch (error) {
      recorder.report(error, 'context');
      return messages;
    }
    const system = context.text ? `${instruction}\n\n${context.text}` : instruction;
    const [first, ...rest] = messages;
    return first?.type === 'system' ? [new SystemMessage(`${first.text}\n\n${system}`), ...rest] : [new SystemMessage(system), ...messages];
  }).withConfig({ runName: 'ResonantContext' });

  const stripFeedback = new FeedbackTransform((config, assistantText, tags) => {
    try {
      const namespace = namespaceOf(config);
      const userText = pendingQuestion.get(namespace) ?? '';
      pendingQuestion.delete(namespace);
      recorder.record({ namespace, userText, assistantText, tags });
    } catch (error) {
      recorder.report(error, 'feedback');
    }
  }).withConfig({ runName: 'ResonantFeedback' });

  return { injectContext, stripFeedback, flush: recorder.flush };
}

import {
  createExchangeRecorder,
  createTagStripper,
  FEEDBACK_INSTRUCTION,
  type BuildContextOptions,
  type BuildContextResult,
  type ExchangeStage,
  type FeedbackTag,
  type Memory,
  type Summarizer,
  type TagStripper,
} from '@resonant/core';
import type { LanguageModelMiddleware } from 'ai';
import { z } from 'zod';
import type { CallOptions, Prompt, StreamPart } from './ai-sdk-types.js';
import { parseOptions } from './parse-options.js';

/** Options of {@link resonantMiddleware}. */
export interface ResonantMiddlewareOptions {
  memory: Memory;
  /** Whose memory: one namespace, or one per call (for example read from `params.providerOptions`). */
  namespace: string | ((params: CallOptions) => string);
  /** Budget of the memory block, passed to `memory.buildContext` (the tag instruction comes on top). */
  budget: BuildContextOptions['budget'];
  /** Model or encoding name for exact token counts; default: core's (`o200k_base`). */
  model?: string;
  /** Summarizer for memories that must shrink to fit; default: core's extractive one. */
  summarize?: Summarizer;
  /** Remember each exchange as an episode. @default true */
  remember?: boolean;
  /** The instruction teaching the tag grammar, put before the memory block. @default FEEDBACK_INSTRUCTION */
  instruction?: string;
  /** Source of "now" for context, feedback and episodes; default: the memory's clock. */
  clock?: () => Date;
  /** Called with each context built, for logs and budget dashboards. */
  onContext?: (context: BuildContextResult, namespace: string) => void;
  /** Called with every error of memory work; the model call goes on without memory. Default: `console.error`. */
  onError?: (error: unknown, stage: ExchangeStage) => void;
}

/** The AI SDK middleware, plus `flush()`: resolves once every write of finished calls is durable or reported. */
export interface ResonantMiddleware extends LanguageModelMiddleware {
  flush(): Promise<void>;
}

const fn = <T>() => z.custom<T>((value) => typeof value === 'function', 'must be a function');
const optionsSchema = z
  .object({
    memory: z.custom<Memory>((value) => typeof value === 'object' && value !== null && 'buildContext' in value, 'must be a Resonant Memory'),
    namespace: z.union([z.string().min(1), fn<(params: CallOptions) => string>()]),
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

/** The text of the latest user message: what the memory is asked about. */
function latestUserText(prompt: Prompt): string {
  const message = prompt.findLast((candidate) => candidate.role === 'user');
  if (message?.role !== 'user') return '';
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n').trim();
}

/** The prompt with `text` added to its system message (a new one first if it has none). */
function withSystemText(prompt: Prompt, text: string): Prompt {
  const first = prompt[0];
  if (first?.role === 'system') return [{ ...first, content: `${first.content}\n\n${text}` }, ...prompt.slice(1)];
  return [{ role: 'system', content: text }, ...prompt];
}

/**
 * Resonant memory as AI SDK language-model middleware (`wrapLanguageModel({ model, middleware })`):
 * before each call, the budgeted context for the latest user message and the tag instruction go into
 * the system prompt; after it, the feedback tags are stripped from what the user sees (streaming-safe,
 * across chunk boundaries), applied to the cited memories, and the exchange is remembered as an episode.
 *
 * Writes never delay the response: they queue and run in order. Guarantee: when `flush()` resolves,
 * every write of every call whose response had finished is durable or was passed to `onError`; and each
 * call's context is built after the writes of the calls that finished before it started.
 */
export function resonantMiddleware(options: ResonantMiddlewareOptions): ResonantMiddleware {
  const parsed = parseOptions(optionsSchema, options, 'resonantMiddleware options');
  const { memory, budget, model, summarize, clock, onContext } = parsed;
  const instruction = parsed.instruction ?? FEEDBACK_INSTRUCTION;
  const recorder = createExchangeRecorder({ memory, clock, remember: parsed.remember ?? true, onError: parsed.onError });
  // Each transformed call remembers whose turn it is; the wrapped call gets the same params object.
  const turns = new WeakMap<CallOptions, { namespace: string; userText: string }>();

  async function transformParams({ params }: { params: CallOptions }): Promise<CallOptions> {
    const userText = latestUserText(params.prompt);
    if (!userText) return params;
    let namespace: string;
    try {
      namespace = typeof parsed.namespace === 'string' ? parsed.namespace : parsed.namespace(params);
    } catch (error) {
      recorder.report(error, 'context');
      return params;
    }
    let next = params;
    try {
      await recorder.settled();
      const context = await memory.buildContext({ namespace, query: userText, budget, model, summarize, now: clock?.() });
      onContext?.(context, namespace);
      next = { ...params, prompt: withSystemText(params.prompt, context.text ? `${instruction}\n\n${context.text}` : instruction) };
    } catch (error) {
      // Without a context the call goes on as it came; its reply is still stripped and remembered.
      recorder.report(error, 'context');
    }
    turns.set(next, { namespace, userText });
    return next;
  }

  const wrapGenerate: NonNullable<LanguageModelMiddleware['wrapGenerate']> = async ({ doGenerate, params }) => {
    const result = await doGenerate();
    const stripper = createTagStripper();
    const content = result.content.map((part) => (part.type === 'text' ? { ...part, text: stripper.push(part.text) } : part));
    const rest = stripper.end();
    const lastText = content.findLastIndex((part) => part.type === 'text');
    const last = content[lastText];
    if (rest.text && last?.type === 'text') content[lastText] = { ...last, text: last.text + rest.text };
    const turn = turns.get(params);
    const visible = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    if (turn) recorder.record({ ...turn, assistantText: visible, tags: rest.tags });
    return { ...result, content };
  };

  const wrapStream: NonNullable<LanguageModelMiddleware['wrapStream']> = async ({ doStream, params }) => {
    const { stream, ...result } = await doStream();
    const turn = turns.get(params);
    const strippers = new Map<string, TagStripper>();
    const tags: FeedbackTag[] = [];
    let visible = '';
    let recorded = false;
    const endText = (id: string, controller: TransformStreamDefaultController<StreamPart>) => {
      const rest = strippers.get(id)?.end();
      strippers.delete(id);
      if (!rest) return;
      tags.push(...rest.tags);
      visible += rest.text;
      if (rest.text) controller.enqueue({ type: 'text-delta', id, delta: rest.text });
    };
    const finish = (controller: TransformStreamDefaultController<StreamPart>) => {
      for (const id of [...strippers.keys()]) endText(id, controller);
      if (turn && !recorded) recorder.record({ ...turn, assistantText: visible, tags });
      recorded = true;
    };
    const stripTags = new TransformStream<StreamPart, StreamPart>({
      transform(part, controller) {
        if (part.type === 'text-delta') {
          let stripper = strippers.get(part.id);
          if (!stripper) strippers.set(part.id, (stripper = createTagStripper()));
          const delta = stripper.push(part.delta);
          visible += delta;
          if (delta) controller.enqueue({ ...part, delta });
          return;
        }
        if (part.type === 'text-end') endText(part.id, controller);
        if (part.type === 'finish') finish(controller);
        controller.enqueue(part);
      },
      flush: finish,
    });
    return { ...result, stream: stream.pipeThrough(stripTags) };
  };

  return { specificationVersion: 'v3', transformParams, wrapGenerate, wrapStream, flush: recorder.flush };
}

import { createTagStripper, type FeedbackTag, type TagStripper } from '@resonant/core';
import { createConversationMemory, resolveNamespace, type ConversationMemoryOptions } from '@resonant/core/adapters';
import type { LanguageModelMiddleware } from 'ai';
import type { CallOptions, Prompt, StreamPart } from './ai-sdk-types.js';

/** Options of {@link resonantMiddleware}: the conversation-memory options of core, and whose memory it is. */
export interface ResonantMiddlewareOptions extends ConversationMemoryOptions {
  /** Whose memory: one namespace, or one per call (for example read from `params.providerOptions`). */
  namespace: string | ((params: CallOptions) => string);
}

/** The AI SDK middleware, plus `flush()`: resolves once every write of finished calls is durable or reported. */
export interface ResonantMiddleware extends LanguageModelMiddleware {
  flush(): Promise<void>;
}

/** A message as the model reads it: its text, reasoning, tool calls and results (files are not text). */
function messageText(message: Prompt[number]): string {
  if (message.role === 'system') return message.content;
  const texts: string[] = [];
  for (const part of message.content) {
    if (part.type === 'text' || part.type === 'reasoning') texts.push(part.text);
    else if (part.type === 'tool-call') texts.push(JSON.stringify(part.input));
    else if (part.type === 'tool-result') texts.push(JSON.stringify(part.output));
  }
  return texts.join('\n');
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
  const { namespace, ...rest } = options;
  const namespaceOf = resolveNamespace(namespace, 'resonantMiddleware options');
  const conversation = createConversationMemory(rest);
  // Each transformed call remembers whose turn it is; the wrapped call gets the same params object.
  const turns = new WeakMap<CallOptions, { namespace: string; userText: string }>();

  async function transformParams({ params }: { params: CallOptions }): Promise<CallOptions> {
    const latestUser = params.prompt.findLast((message) => message.role === 'user');
    const userText = latestUser ? messageText(latestUser).trim() : '';
    if (!userText) return params;
    let turn: { namespace: string; userText: string };
    try {
      turn = { namespace: namespaceOf(params), userText };
    } catch (error) {
      conversation.report(error, 'context');
      return params;
    }
    // Without a context the call goes on as it came; its reply is still stripped and remembered.
    // The rest of the prompt fills a window budget's system and conversation use.
    const system = await conversation.prepareTurn({
      ...turn,
      prompt: {
        system: params.prompt.flatMap((message) => (message.role === 'system' ? [message.content] : [])).join('\n\n'),
        messages: params.prompt.filter((message) => message.role !== 'system').map(messageText),
      },
    });
    const next = system === null ? params : { ...params, prompt: withSystemText(params.prompt, system) };
    turns.set(next, turn);
    return next;
  }

  const wrapGenerate: NonNullable<LanguageModelMiddleware['wrapGenerate']> = async ({ doGenerate, params }) => {
    const result = await doGenerate();
    const stripper = createTagStripper();
    const content = result.content.map((part) =>
      part.type === 'text' ? { ...part, text: stripper.push(part.text) } : part,
    );
    const rest = stripper.end();
    const lastText = content.findLastIndex((part) => part.type === 'text');
    const last = content[lastText];
    if (rest.text && last?.type === 'text') content[lastText] = { ...last, text: last.text + rest.text };
    const turn = turns.get(params);
    const visible = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    if (turn) conversation.recordTurn({ ...turn, assistantText: visible, tags: rest.tags });
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
      if (turn && !recorded) conversation.recordTurn({ ...turn, assistantText: visible, tags });
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

  return { specificationVersion: 'v3', transformParams, wrapGenerate, wrapStream, flush: conversation.flush };
}

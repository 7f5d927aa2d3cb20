import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { BasePromptValueInterface } from '@langchain/core/prompt_values';
import { Runnable, RunnableLambda, type RunnableConfig } from '@langchain/core/runnables';
import { parseFeedbackTags, stripTagStream, type FeedbackParse } from '@resonant/core';
import { createConversationMemory, resolveNamespace, type ConversationMemoryOptions } from '@resonant/core/adapters';

/** Options of {@link createResonantRunnables}: the conversation-memory options of core, and whose memory it is. */
export interface ResonantRunnablesOptions extends ConversationMemoryOptions {
  /** Whose memory: one namespace, or one per run (for example from `config.configurable`). */
  namespace: string | ((config: RunnableConfig | undefined) => string);
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

const textOf = (value: BaseMessage | string) => (typeof value === 'string' ? value : value.text);

async function* textsOf(chunks: AsyncIterable<BaseMessage | string>): AsyncGenerator<string> {
  for await (const chunk of chunks) yield textOf(chunk);
}

/** Strips and records one run's output; a new one per run keeps runs independent. */
class FeedbackTransform extends Runnable<BaseMessage | string, string> {
  lc_namespace = ['resonant', 'feedback'];

  constructor(private readonly finish: (config: RunnableConfig | undefined, output: FeedbackParse) => void) {
    super();
  }

  override invoke(input: BaseMessage | string, options?: RunnableConfig): Promise<string> {
    return this._callWithConfig(
      async (value: BaseMessage | string) => {
        const output = parseFeedbackTags(textOf(value));
        this.finish(options, output);
        return output.text;
      },
      input,
      options,
    );
  }

  override transform(
    generator: AsyncGenerator<BaseMessage | string>,
    options?: Partial<RunnableConfig>,
  ): AsyncGenerator<string> {
    const strip = (chunks: AsyncGenerator<BaseMessage | string>) =>
      stripTagStream({ chunks: textsOf(chunks), onEnd: (output) => this.finish(options, output) });
    return this._transformStreamWithConfig(generator, strip, options);
  }
}

/**
 * Resonant memory around any LangChain chat model:
 * `injectContext.pipe(model).pipe(stripFeedback)`. The exchange pairs the latest human message that
 * `injectContext` saw in a namespace with the next output `stripFeedback` finishes there (core's
 * conversation memory keeps it), which is exact when a namespace has one conversation turn in flight
 * at a time. Writes never delay the output; each context is built after the writes of the runs that finished before it.
 */
export function createResonantRunnables(options: ResonantRunnablesOptions): ResonantRunnables {
  const { namespace, ...rest } = options;
  const namespaceOf = resolveNamespace(namespace, 'createResonantRunnables options');
  const conversation = createConversationMemory(rest);

  const injectContext = RunnableLambda.from(
    async (input: ResonantContextInput, config?: RunnableConfig): Promise<BaseMessage[]> => {
      const messages =
        typeof input === 'string' ? [new HumanMessage(input)] : Array.isArray(input) ? input : input.toChatMessages();
      const userText = messages.findLast((message) => message.type === 'human')?.text.trim();
      if (!userText) return messages;
      let system: string | null;
      try {
        const prompt = {
          system: messages
            .filter((message) => message.type === 'system')
            .map((message) => message.text)
            .join('\n\n'),
          messages: messages.filter((message) => message.type !== 'system').map((message) => message.text),
        };
        system = await conversation.prepareTurn({ namespace: namespaceOf(config), userText, prompt });
      } catch (error) {
        conversation.report(error, 'context');
        return messages;
      }
      if (system === null) return messages;
      const [first, ...others] = messages;
      return first?.type === 'system'
        ? [new SystemMessage(`${first.text}\n\n${system}`), ...others]
        : [new SystemMessage(system), ...messages];
    },
  ).withConfig({ runName: 'ResonantContext' });

  const stripFeedback = new FeedbackTransform((config, { text, tags }) => {
    try {
      conversation.recordTurn({ namespace: namespaceOf(config), assistantText: text, tags });
    } catch (error) {
      conversation.report(error, 'feedback');
    }
  }).withConfig({ runName: 'ResonantFeedback' });

  return { injectContext, stripFeedback, flush: conversation.flush };
}

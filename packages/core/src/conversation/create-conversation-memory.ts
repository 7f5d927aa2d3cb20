import { z } from 'zod';
import { appraiseExchange } from '../affect/appraise-exchange.js';
import { contextBudgetSchema, type ContextBudgetInput } from '../budget/context-budget.js';
import { withPromptUsage, type TurnPrompt } from '../budget/with-prompt-usage.js';
import type { Summarizer } from '../compress/summarizer.js';
import { shownMemoryIds, type BuildContextResult } from '../budget/build-context.js';
import type { Memory } from '../memory/memory.js';
import { parseInput } from '../errors/parse-input.js';
import { MAX_TEXT_LENGTH } from '../records/remember-input.js';
import type { Persona } from '../persona/create-persona.js';
import { createTiktokenCounter } from '../text/token-counter.js';
import { FEEDBACK_INSTRUCTION } from '../feedback/feedback-instruction.js';
import type { FeedbackTag, PersonaEmotionTag } from '../feedback/feedback-tag.js';

/** Where memory work failed: building the context, applying feedback, remembering the exchange, or updating the persona. */
export type ConversationStage = 'context' | 'feedback' | 'remember' | 'persona';

/** Options of {@link createConversationMemory}: what every framework adapter passes through. */
export interface ConversationMemoryOptions {
  memory: Memory;
  /** Budget of the memory block, passed to `memory.buildContext` (the tag instruction comes on top). */
  budget: ContextBudgetInput;
  /** Model or encoding name for exact token counts; default: the memory's counter (`o200k_base`). */
  model?: string;
  /** Summarizer for memories that must shrink to fit; default: the memory's (extractive) one. */
  summarize?: Summarizer;
  /** Remember each exchange as an episode. @default true */
  remember?: boolean;
  /** The instruction teaching the tag grammar, put before the memory block. @default FEEDBACK_INSTRUCTION */
  instruction?: string;
  /** Source of "now" for contexts, feedback and episodes; default: the memory's clock. */
  clock?: () => Date;
  /** Called with each context built, for logs and budget dashboards. */
  onContext?: (context: BuildContextResult, namespace: string) => void;
  /**
   * A persona (`createPersona` from `@resonant/core/persona`) over the same memory: each context opens
   * with its "on my mind" section (inside the budget) and each exchange, with its persona emotions, feeds its drives.
   */
  persona?: Persona;
  /** Called with every error of memory work; the conversation goes on without memory. Default: `console.error`. */
  onError?: (error: unknown, stage: ConversationStage) => void;
}

/** One finished model turn, as the user saw it. */
export interface ConversationTurn {
  namespace: string;
  /** What the user said; default: the text of the namespace's latest `prepareTurn` not yet recorded. */
  userText?: string;
  /** The reply with the feedback tags stripped. */
  assistantText: string;
  /** The tags the reply carried. */
  tags: readonly FeedbackTag[];
}

/** What `prepareTurn` needs: whose memory, the user's message, and optionally the rest of the prompt. */
export interface PreparedTurn {
  namespace: string;
  userText: string;
  /**
   * The prompt's system text and message texts: with a window budget they fill its `used.system`
   * (tag instruction included) and `used.conversation`, so memory shrinks before the window overflows.
   */
  prompt?: TurnPrompt;
}

/** Both halves of a chat turn's memory work; see {@link createConversationMemory}. */
export interface ConversationMemory {
  /** The system text for a turn (instruction + budgeted context), or null when memory failed (reported). Keeps `userText` for the namespace's next `recordTurn`. */
  prepareTurn(turn: PreparedTurn): Promise<string | null>;
  /** Queues the turn's writes (feedback, then the episode) and returns at once; the namespace's kept user text is used up. */
  recordTurn(turn: ConversationTurn): void;
  /** Resolves when every write queued before or during the call has settled (never rejects). */
  flush(): Promise<void>;
  /** Passes an error to `onError`. */
  report(error: unknown, stage: ConversationStage): void;
}

const afterResponse = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const LOOP_METHODS = ['buildContext', 'reinforce', 'applyFeedback', 'remember'] as const;
const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'must be a function');
const optionsSchema = z
  .object({
    // Every method the loop calls, so a memory lacking one fails here and not on each turn.
    memory: z.custom<Memory>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        LOOP_METHODS.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
      `must be a Resonant Memory (with ${LOOP_METHODS.join(', ')})`,
    ),
    budget: contextBudgetSchema,
    model: z.string().min(1).max(200).optional(),
    summarize: fn.optional(),
    remember: z.boolean().default(true),
    instruction: z.string().default(FEEDBACK_INSTRUCTION),
    clock: fn.optional(),
    onContext: fn.optional(),
    onError: fn.optional(),
    persona: z
      .custom<Persona>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as Persona).onMyMind === 'function' &&
          typeof (value as Persona).observeExchange === 'function',
        'must be a Persona from createPersona',
      )
      .optional(),
  })
  .strict();

/**
 * The memory loop of a chat, shared by the framework adapters (which only map their types onto it):
 * before a turn, the tag instruction and the budgeted context for the user's message; after it, the
 * reply's feedback tags applied and the exchange remembered as an episode appraised by
 * `appraiseExchange` (the text's arousal blended with the persona emotion).
 *
 * Writes run one after another, off the response path. When `flush()` resolves, every turn recorded
 * before it is durable or was passed to `onError`; each context is built after the writes of the
 * turns recorded before it was asked for.
 *
 * A turn recorded without `userText` pairs with the latest user text prepared in its namespace: exact
 * when a namespace has one turn in flight at a time, as in a chat.
 */
export function createConversationMemory(options: ConversationMemoryOptions): ConversationMemory {
  const parsed = parseInput(optionsSchema, options, 'conversation memory options');
  const { memory, budget, model, instruction } = parsed;
  const clock = options.clock;
  const summarize = options.summarize;
  let tail: Promise<void> = Promise.resolve();
  /** Per namespace, the user text of the latest prepared turn not yet recorded. */
  const preparedUserText = new Map<string, string>();

  function report(error: unknown, stage: ConversationStage): void {
    try {
      (options.onError ?? ((failure: unknown) => console.error(`[resonant] ${stage} failed:`, failure)))(error, stage);
    } catch (handlerError) {
      console.error('[resonant] onError threw:', handlerError, 'while reporting:', error);
    }
  }

  function queue(stage: ConversationStage, write: () => Promise<unknown>): void {
    // A macrotask first: the embedded store writes synchronously, and the response must go out before.
    tail = tail
      .then(afterResponse)
      .then(write)
      .then(
        () => undefined,
        (error: unknown) => report(error, stage),
      );
  }

  async function prepareTurn({ namespace, userText, prompt }: PreparedTurn): Promise<string | null> {
    preparedUserText.set(namespace, userText);
    try {
      await tail;
      const now = clock?.();
      const turnBudget = prompt
        ? withPromptUsage(budget, prompt, instruction, createTiktokenCounter({ model }))
        : budget;
      const preface = options.persona ? await options.persona.onMyMind({ namespace, now }) : undefined;
      const context = await memory.buildContext({
        namespace,
        query: userText,
        budget: turnBudget,
        model,
        summarize,
        now,
        reinforce: false,
        preface,
      });
      // Reinforcing what the context shows is a durable write: it joins the queue, off the response path.
      const shown = shownMemoryIds(context.included);
      if (shown.length > 0) queue('context', () => memory.reinforce({ namespace, ids: shown, now }));
      options.onContext?.(context, namespace);
      return context.text ? `${instruction}\n\n${context.text}` : instruction;
    } catch (error) {
      report(error, 'context');
      return null;
    }
  }

  function recordTurn(turn: ConversationTurn): void {
    const now = clock?.();
    const tags = [...turn.tags];
    const userText = turn.userText ?? preparedUserText.get(turn.namespace) ?? '';
    preparedUserText.delete(turn.namespace);
    if (tags.length > 0) queue('feedback', () => memory.applyFeedback({ namespace: turn.namespace, tags, now }));
    const text = `User: ${userText}\nAssistant: ${turn.assistantText}`.slice(0, MAX_TEXT_LENGTH).toWellFormed();
    const emotions = tags.filter((tag): tag is PersonaEmotionTag => tag.type === 'persona_emotion');
    const persona = options.persona;
    if (persona)
      queue('persona', () =>
        persona.observeExchange({
          namespace: turn.namespace,
          emotions: emotions.map(({ category, intensity }) => ({ category, intensity })),
          text,
          now,
        }),
      );
    // An episode needs both sides; a reply to an unknown question only feeds back.
    if (!parsed.remember || !userText.trim() || !turn.assistantText.trim()) return;
    const { arousal, valence, emotion } = appraiseExchange({ text, emotions });
    queue('remember', () =>
      memory.remember({ namespace: turn.namespace, kind: 'episode', text, createdAt: now, arousal, valence, emotion }),
    );
  }

  async function flush(): Promise<void> {
    for (let seen = tail; ; seen = tail) {
      await seen;
      if (seen === tail) return;
    }
  }

  return { prepareTurn, recordTurn, flush, report };
}

import { appraiseExchange } from '../affect/appraise-exchange.js';
import type { Memory } from '../memory/memory.js';
import { MAX_TEXT_LENGTH } from '../records/remember-input.js';
import type { FeedbackTag, PersonaEmotionTag } from './feedback-tag.js';

/** Where memory work failed: building the context, applying feedback, or remembering the exchange. */
export type ExchangeStage = 'context' | 'feedback' | 'remember';

/** One finished model turn, as the user saw it. */
export interface ExchangeTurn {
  namespace: string;
  userText: string;
  /** The reply with the feedback tags stripped. */
  assistantText: string;
  /** The tags the reply carried. */
  tags: readonly FeedbackTag[];
}

/** Options of {@link createExchangeRecorder}. */
export interface ExchangeRecorderOptions {
  memory: Memory;
  /** Remember each exchange as an episode (feedback is applied either way). */
  remember: boolean;
  clock?: () => Date;
  /** Receives every failed write; default `console.error`. A throwing handler is itself reported to `console.error`. */
  onError?: (error: unknown, stage: ExchangeStage) => void;
}

/** Records finished turns in the background, in order; see {@link createExchangeRecorder}. */
export interface ExchangeRecorder {
  /** Queues the turn's writes (feedback, then the episode) and returns at once. */
  record(turn: ExchangeTurn): void;
  /** Resolves when the writes queued so far have settled (never rejects). */
  settled(): Promise<void>;
  /** Resolves when every write queued before or during the call has settled (never rejects). */
  flush(): Promise<void>;
  /** Passes an error to `onError`. */
  report(error: unknown, stage: ExchangeStage): void;
}

/**
 * The shared back half of the framework adapters: after a model turn, apply its feedback tags and
 * remember the exchange as an episode, appraised by `appraiseExchange` (the text's arousal estimate
 * blended with the persona emotion). Writes run one after another, off the response path.
 */
export function createExchangeRecorder(options: ExchangeRecorderOptions): ExchangeRecorder {
  const { memory, clock } = options;
  let tail: Promise<void> = Promise.resolve();

  function report(error: unknown, stage: ExchangeStage): void {
    try {
      (options.onError ?? ((failure: unknown) => console.error(`[resonant] ${stage} failed:`, failure)))(error, stage);
    } catch (handlerError) {
      console.error('[resonant] onError threw:', handlerError, 'while reporting:', error);
    }
  }

  function step(stage: ExchangeStage, write: () => Promise<unknown>): void {
    tail = tail.then(write).then(
      () => undefined,
      (error: unknown) => report(error, stage),
    );
  }

  function record(turn: ExchangeTurn): void {
    const now = clock?.();
    const tags = [...turn.tags];
    if (tags.length > 0) step('feedback', () => memory.applyFeedback({ namespace: turn.namespace, tags, now }));
    // An episode needs both sides; a reply with no known question only feeds back.
    if (!options.remember || !turn.userText.trim() || !turn.assistantText.trim()) return;
    const text = `User: ${turn.userText}\nAssistant: ${turn.assistantText}`.slice(0, MAX_TEXT_LENGTH).toWellFormed();
    const emotions = turn.tags.filter((tag): tag is PersonaEmotionTag => tag.type === 'persona_emotion');
    const { arousal, valence, emotion } = appraiseExchange({ text, emotions });
    step('remember', () => memory.remember({ namespace: turn.namespace, kind: 'episode', text, createdAt: now, arousal, valence, emotion }));
  }

  async function settled(): Promise<void> {
    await tail;
  }

  async function flush(): Promise<void> {
    for (let seen = tail; ; seen = tail) {
      await seen;
      if (seen === tail) return;
    }
  }

  return { record, settled, flush, report };
}

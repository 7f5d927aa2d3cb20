import { z } from 'zod';
import { referencedId, resolveReferences } from '../budget/memory-reference.js';
import { appraiseExchange, type ExchangeAppraisal } from '../affect/appraise-exchange.js';
import { EMOTION_CATEGORIES } from '../affect/emotion-vocabulary.js';
import { RewardNormalizer } from '../affect/normalize-rewards.js';
import {
  FEEDBACK_DEFAULTS,
  type AdjustedValue,
  type DroppedTag,
  type FeedbackTag,
  type PersonaEmotionTag,
} from './feedback-tag.js';
import { parseFeedbackTags } from './parse-feedback-tags.js';
import { namespaceSchema } from '../records/namespace.js';
import type { SignalUpdate } from '../store/memory-store.js';
import { logFeedback, readBeforeFeedback } from './log-feedback.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { updateSignals } from '../store/update-signals.js';
import { isTransientStoreFailure } from '../store/is-transient-store-failure.js';

/** Longest model output `applyFeedback` reads, in UTF-16 code units. */
export const MAX_FEEDBACK_TEXT_LENGTH = 200_000;

/** How feedback moves a memory's signals. */
export const APPLY_FEEDBACK_DEFAULTS = Object.freeze({
  /**
   * Step α of the arousal update `a ← a + α·(resonance − a)`: one trace moves arousal 30% of the way
   * to its resonance; four agreeing traces move it about 76%. @default 0.3
   */
  arousalRate: 0.3,
  /** Step α of the utility Q-update `Q ← Q + α·(target − Q)` (a Monte Carlo Q-update, as in MemRL). @default 0.3 */
  utilityRate: 0.3,
  /**
   * A trace with at least this resonance also counts as a recall (last access = now, recall count + 1):
   * the model used the memory, not only saw it. @default 0.5
   */
  reinforceAtResonance: 0.5,
  /** Most reward axes per call. @default 16 */
  maxRewardAxes: 16,
});

const validDate = z.date().refine((date) => Number.isFinite(date.getTime()), 'date must be valid');
const unit = z.number().min(0).max(1);

const feedbackTagSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory_trace'), id: z.string().min(1).max(128), resonance: unit }).strict(),
  z.object({ type: z.literal('persona_emotion'), category: z.enum(EMOTION_CATEGORIES), intensity: unit }).strict(),
]);

export const applyFeedbackOptionsSchema = z
  .object({
    namespace: namespaceSchema,
    text: z.string().max(MAX_FEEDBACK_TEXT_LENGTH).optional(),
    tags: z.array(feedbackTagSchema).max(FEEDBACK_DEFAULTS.maxTags).optional(),
    rewards: z
      .record(z.string().min(1).max(64), z.number().finite())
      .refine(
        (rewards) => Object.keys(rewards).length <= APPLY_FEEDBACK_DEFAULTS.maxRewardAxes,
        `at most ${APPLY_FEEDBACK_DEFAULTS.maxRewardAxes} reward axes`,
      )
      .optional(),
    reinforce: z.boolean().default(true),
    now: validDate.optional(),
  })
  .strict()
  .refine(
    (options) => (options.text === undefined) !== (options.tags === undefined),
    'give either text (model output) or tags, not both',
  );

/**
 * What `applyFeedback` accepts: the model output (`text`, tags parsed from it) or tags already parsed;
 * optional `rewards` of the exchange on other axes (for example `{ engagement, relationshipDepth }`),
 * normalised per namespace before they shape the utility target.
 */
export type ApplyFeedbackOptions = z.input<typeof applyFeedbackOptionsSchema>;

/** One memory the feedback reached. */
export interface AppliedTrace {
  id: string;
  resonance: number;
  /** Where arousal was nudged toward (the resonance). */
  arousalTarget: number;
  /** Where utility was nudged toward (the resonance, blended with normalised rewards when given). */
  utilityTarget: number;
  /** Whether it also counted as a recall. */
  reinforced: boolean;
}

/** What `applyFeedback` did. */
export interface ApplyFeedbackResult {
  /** The visible text (tags removed) when `text` was given; null for `tags`. */
  text: string | null;
  applied: AppliedTrace[];
  /**
   * Traces the store could not apply now and queued durably (Qdrant unreachable, or its answer
   * lost): not applied yet and not checked to exist; applied once, to the ids that exist, when the
   * store is back. Always empty on stores that never queue.
   */
  queued: AppliedTrace[];
  /** Traces naming ids that are not in this namespace (unknown, deleted or another namespace's): never applied. */
  ignored: { id: string; reason: 'not_found' }[];
  /** The persona emotions found, in order. */
  emotions: PersonaEmotionTag[];
  /** How the exchange felt: pass its arousal, valence and emotion to `remember` when storing the exchange. */
  exchange: ExchangeAppraisal;
  /** Tags the parser dropped, and values it corrected. */
  dropped: DroppedTag[];
  adjusted: AdjustedValue[];
}

/**
 * Cited ids as stored ids. A store that queues updates and cannot be reached now gets the ids as
 * cited (`m:` dropped, prefixes not resolved): it queues them unverified and checks them on replay.
 */
async function resolveCited(
  context: MemoryContext,
  namespace: string,
  cited: readonly string[],
): Promise<Map<string, string>> {
  try {
    return await resolveReferences(context.store, namespace, cited);
  } catch (error) {
    if (!context.store.updateOrQueue || !isTransientStoreFailure(error)) throw error;
    return new Map(cited.map((reference) => [reference, referencedId(reference)]));
  }
}

/**
 * Closes the loop: each `<memory_trace>` nudges the memory's arousal and utility toward its
 * resonance in one atomic store write (no read-modify-write), helpful ones count as a recall, and
 * `<persona_emotion>` appraises the exchange. Duplicate traces of one id keep the highest resonance.
 */
export async function applyFeedback(
  context: MemoryContext,
  options: ApplyFeedbackOptions,
): Promise<ApplyFeedbackResult> {
  const parsed = parseInput(applyFeedbackOptionsSchema, options, 'applyFeedback options');
  const now = parsed.now ?? context.clock();
  const found =
    parsed.text !== undefined
      ? parseFeedbackTags(parsed.text)
      : { text: null, tags: parsed.tags as FeedbackTag[], dropped: [], adjusted: [] };
  const resonanceById = new Map<string, number>();
  const citedById = new Map<string, string>();
  const emotions: PersonaEmotionTag[] = [];
  // Contexts cite memories by the shortest id prefix unique in the namespace: read them back as ids.
  const cited = found.tags.flatMap((tag) => (tag.type === 'memory_trace' ? [tag.id] : []));
  const idOf = cited.length > 0 ? await resolveCited(context, parsed.namespace, cited) : new Map<string, string>();
  for (const tag of found.tags) {
    if (tag.type === 'persona_emotion') emotions.push(tag);
    else {
      const id = idOf.get(tag.id) ?? tag.id;
      resonanceById.set(id, Math.max(resonanceById.get(id) ?? 0, tag.resonance));
      if (!citedById.has(id)) citedById.set(id, tag.id);
    }
  }
  const normalizer = context.rewardNormalizer ?? new RewardNormalizer();
  const normalizedRewards = parsed.rewards ? normalizer.normalize(parsed.namespace, parsed.rewards) : {};
  const traces = [...resonanceById].map(([id, resonance]) => ({
    id,
    resonance,
    arousalTarget: resonance,
    utilityTarget: normalizer.utilityTarget(resonance, normalizedRewards),
    reinforced: parsed.reinforce && resonance >= APPLY_FEEDBACK_DEFAULTS.reinforceAtResonance,
  }));
  const updates = traces.map(
    (trace): SignalUpdate => ({
      id: trace.id,
      arousal: { target: trace.arousalTarget, rate: APPLY_FEEDBACK_DEFAULTS.arousalRate },
      utility: { target: trace.utilityTarget, rate: APPLY_FEEDBACK_DEFAULTS.utilityRate },
      ...(trace.reinforced ? { recalledAt: now } : {}),
    }),
  );
  const before = await readBeforeFeedback(
    context,
    parsed.namespace,
    traces.map((trace) => trace.id),
  );
  const report = await updateSignals(context.store, parsed.namespace, updates);
  const existing = new Set(report.applied);
  const queued = new Set(report.queued);
  const applied = traces.filter((trace) => existing.has(trace.id));
  await logFeedback(
    context,
    parsed.namespace,
    applied.map((trace) => ({ ...trace, cited: citedById.get(trace.id) ?? trace.id })),
    before,
    now,
  );
  return {
    text: found.text,
    applied,
    queued: traces.filter((trace) => queued.has(trace.id)),
    ignored: traces
      .filter((trace) => !existing.has(trace.id) && !queued.has(trace.id))
      .map((trace) => ({ id: trace.id, reason: 'not_found' as const })),
    emotions,
    exchange: appraiseExchange({ text: found.text ?? undefined, emotions }),
    dropped: found.dropped,
    adjusted: found.adjusted,
  };
}

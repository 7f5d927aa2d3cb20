import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { FEEDBACK_DEFAULTS, MAX_FEEDBACK_TEXT_LENGTH, MAX_TEXT_LENGTH, type FeedbackTag } from '@resonant/core';
import { EMOTION_CATEGORIES } from '@resonant/core/context';
import { z } from 'zod';
import { registerMemoryTool } from '../register-memory-tool.js';
import { memoryIdArgument, namespaceArgument, type ToolContext } from '../tool-context.js';

/** Dropped tags listed in a result; the rest are only counted, to keep answers small. */
const LISTED_DROPPED_TAGS = 10;

const unit = z.number().min(0).max(1);

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    text: z
      .string()
      .max(MAX_FEEDBACK_TEXT_LENGTH)
      .optional()
      .describe(
        'The reply the model wrote, with its feedback tags: <memory_trace id="m:<id>" resonance="0.8"/> for each memory it used (resonance 0..1 = how much it helped) ' +
          'and <persona_emotion category="joy" intensity="0.7"/>. Give either text, or traces and emotions.',
      ),
    traces: z
      .array(
        z.object({ id: memoryIdArgument, resonance: unit.describe('How much the memory helped, 0 to 1.') }).strict(),
      )
      .max(FEEDBACK_DEFAULTS.maxTags)
      .optional()
      .describe('Memories used in the reply, as data instead of tags in text.'),
    emotions: z
      .array(
        z
          .object({
            category: z.enum(EMOTION_CATEGORIES).describe('Emotion of the persona about this exchange.'),
            intensity: unit.describe('0 to 1.'),
          })
          .strict(),
      )
      .max(FEEDBACK_DEFAULTS.maxTags)
      .optional()
      .describe("The persona's emotions about the exchange, as data instead of tags in text."),
    remember: z
      .string()
      .min(1)
      .max(MAX_TEXT_LENGTH)
      .optional()
      .describe(
        'Optional note of this exchange to store as an episode, carrying the arousal, valence and emotion appraised from the feedback.',
      ),
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace the feedback applied to.'),
  applied: z
    .array(
      z.object({
        id: z.string().describe('Memory id.'),
        resonance: z.number().describe('Resonance applied (the highest, if cited twice).'),
        reinforced: z.boolean().describe('Whether it also counted as recalled (resonance at or above the threshold).'),
      }),
    )
    .describe('Memories whose arousal and utility moved toward their resonance.'),
  queued: z
    .array(
      z.object({
        id: z.string().describe('Memory id, as cited: not checked to exist yet.'),
        resonance: z.number().describe('Resonance to apply (the highest, if cited twice).'),
      }),
    )
    .describe(
      'Traces the store could not apply now (server unreachable or its answer lost), queued durably: not applied yet; ' +
        'applied once to the ids that exist when the store is back, dropped for ids that do not.',
    ),
  ignored: z
    .array(
      z.object({
        id: z.string().describe('Memory id.'),
        reason: z.string().describe('Why: not_found (unknown, deleted, or another namespace).'),
      }),
    )
    .describe('Traces never applied.'),
  emotions: z
    .array(z.object({ category: z.string().describe('Emotion category.'), intensity: z.number().describe('0 to 1.') }))
    .describe('Persona emotions found.'),
  exchange: z
    .object({
      arousal: z.number().describe('Appraised intensity of the exchange, 0 to 1.'),
      valence: z.number().describe('Appraised direction, -1 to 1.'),
      emotion: z
        .object({ joy: z.number(), aversion: z.number(), trauma: z.number() })
        .describe('Lasting emotional marks, each 0 to 1.'),
    })
    .describe('How the exchange felt; stored with the "remember" note when one was given.'),
  remembered: z
    .object({
      id: z.string().describe('Id of the stored note.'),
      outcome: z.enum(['created', 'merged']).describe('created or merged into a duplicate.'),
      queued: z
        .literal(true)
        .optional()
        .describe('Present when the store was unreachable: the note is queued, written when the store is back.'),
    })
    .nullable()
    .describe('The stored exchange note, or null.'),
  droppedTags: z
    .array(
      z.object({
        source: z.string().describe('The tag as written.'),
        reason: z.string().describe('Why it was dropped.'),
      }),
    )
    .describe(`Malformed tags removed but not applied (first ${LISTED_DROPPED_TAGS}).`),
  droppedTotal: z.number().int().min(0).describe('How many tags were dropped in all.'),
});

/** `feedback`: the model's memory traces and persona emotion update the store. */
export function registerFeedbackTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'feedback',
    {
      title: 'Memory feedback',
      description:
        "Tell memory which recalled memories helped and how the persona felt. Each cited memory's arousal and usefulness move toward its resonance, " +
        'so helpful memories rank higher next time; unknown ids are reported, never applied. Adjusts signals only: never deletes or rewrites memory text.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (input) => {
      const namespace = context.namespaceFor(input.namespace);
      const structuredTags: FeedbackTag[] | undefined =
        input.traces === undefined && input.emotions === undefined
          ? undefined
          : [
              ...(input.traces ?? []).map((trace) => ({
                type: 'memory_trace' as const,
                id: trace.id,
                resonance: trace.resonance,
              })),
              ...(input.emotions ?? []).map((emotion) => ({
                type: 'persona_emotion' as const,
                category: emotion.category,
                intensity: emotion.intensity,
              })),
            ];
      // Core refuses text and tags together, or neither, with invalid_input.
      const result = await context.memory.applyFeedback({ namespace, text: input.text, tags: structuredTags });
      const { arousal, valence, emotion } = result.exchange;
      const remembered =
        input.remember === undefined
          ? null
          : await context.memory.remember({
              namespace,
              text: input.remember,
              kind: 'episode',
              arousal,
              valence,
              emotion,
            });
      const structured = {
        namespace,
        applied: result.applied.map((trace) => ({
          id: trace.id,
          resonance: trace.resonance,
          reinforced: trace.reinforced,
        })),
        queued: result.queued.map((trace) => ({ id: trace.id, resonance: trace.resonance })),
        ignored: result.ignored.map((ignored) => ({ ...ignored })),
        emotions: result.emotions.map((felt) => ({ category: felt.category, intensity: felt.intensity })),
        exchange: { arousal, valence, emotion: { ...emotion } },
        remembered: remembered && {
          id: remembered.memory.id,
          outcome: remembered.outcome,
          ...(remembered.queued ? { queued: remembered.queued } : {}),
        },
        droppedTags: result.dropped.slice(0, LISTED_DROPPED_TAGS).map((dropped) => ({ ...dropped })),
        droppedTotal: result.dropped.length,
      };
      const lines = [
        `Feedback applied to ${result.applied.length} memories in ${JSON.stringify(namespace)}${result.applied.length > 0 ? `: ${result.applied.map((trace) => `m:${trace.id} (${trace.resonance})`).join(', ')}` : ''}.`,
      ];
      if (result.queued.length > 0)
        lines.push(
          `Queued, not applied yet (the store is unreachable; checked and applied once when it is back): ${result.queued.map((trace) => `m:${trace.id} (${trace.resonance})`).join(', ')}.`,
        );
      if (result.ignored.length > 0)
        lines.push(`Ignored, not in this namespace: ${result.ignored.map((ignored) => `m:${ignored.id}`).join(', ')}.`);
      if (result.emotions.length > 0)
        lines.push(
          `Persona emotion: ${result.emotions.map((felt) => `${felt.category} ${felt.intensity}`).join(', ')}.`,
        );
      lines.push(`Exchange appraised: arousal ${arousal.toFixed(2)}, valence ${valence.toFixed(2)}.`);
      if (remembered)
        lines.push(
          `Remembered the exchange as m:${remembered.memory.id}${remembered.queued ? ' (queued: written when the store is back)' : ''}.`,
        );
      if (result.dropped.length > 0) lines.push(`Dropped ${result.dropped.length} malformed tags.`);
      return { text: lines.join('\n'), structured };
    },
  );
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CONSOLIDATION_DEFAULTS, type ConsolidationProgress } from '@resonant/core';
import { z } from 'zod';
import { registerMemoryTool, type ToolCallExtra } from '../register-memory-tool.js';
import { namespaceArgument, type ToolContext } from '../tool-context.js';

/** Names of consolidation levels 0..3, as the tool reports them. */
const LEVEL_NAMES = ['session', 'day', 'week', 'milestone'] as const;

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    sessionGapMinutes: z
      .number()
      .min(1)
      .max(1440)
      .optional()
      .describe(`Silence that ends a session, in minutes; default ${CONSOLIDATION_DEFAULTS.sessionGapMinutes}.`),
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-840)
      .max(840)
      .optional()
      .describe(
        `Where the user's days begin, in minutes east of UTC (540 for Japan); default ${CONSOLIDATION_DEFAULTS.utcOffsetMinutes}.`,
      ),
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace consolidated.'),
  created: z
    .object({
      session: z.number().int().min(0).describe('Session summaries written (level 0).'),
      day: z.number().int().min(0).describe('Daily summaries written (level 1).'),
      week: z.number().int().min(0).describe('Weekly summaries written (level 2).'),
      milestone: z.number().int().min(0).describe('Milestone summaries written (level 3).'),
    })
    .describe('Summaries written by this run.'),
  archived: z
    .number()
    .int()
    .min(0)
    .describe('Memories archived: they keep their text and stay reachable by drill_down, but leave default recall.'),
  relinked: z.number().int().min(0).describe('Memories whose entity links were repaired.'),
});

/** `consolidate`: the slow path that folds old memories into summaries. */
export function registerConsolidateTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'consolidate',
    {
      title: 'Consolidate memories',
      description:
        'Fold finished sessions, days and weeks into linked summaries (session, daily, weekly, milestone), archive what the summaries replace once its retention window ' +
        'has passed, and repair entity links. Nothing is deleted: archived memories keep their text and drill_down reaches them. Running it again changes nothing ' +
        'until time passes. Can take a while on a large namespace; reports progress when the client asks for it.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (input, extra) => {
      const namespace = context.namespaceFor(input.namespace);
      const result = await context.memory.consolidate({
        namespace,
        sessionGapMinutes: input.sessionGapMinutes,
        utcOffsetMinutes: input.utcOffsetMinutes,
        onProgress: progressReporter(extra),
      });
      const [session = 0, day = 0, week = 0, milestone = 0] = result.created;
      const structured = {
        namespace,
        created: { session, day, week, milestone },
        archived: result.archived,
        relinked: result.relinked,
      };
      const text =
        `Consolidated ${JSON.stringify(namespace)}: wrote ${session} session, ${day} daily, ${week} weekly and ${milestone} milestone summaries; ` +
        `archived ${result.archived} memories; repaired links of ${result.relinked}.`;
      return { text, structured };
    },
  );
}

/** Forwards core's progress events as MCP progress notifications when the call carries a progress token. */
function progressReporter(extra: ToolCallExtra): ((progress: ConsolidationProgress) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let step = 0;
  return (progress) => {
    // MCP wants progress to grow with every notification; phases restart their own counts.
    step++;
    const level = progress.level === null ? '' : ` (${LEVEL_NAMES[progress.level]})`;
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: {
          progressToken: token,
          progress: step,
          message: `${progress.phase}${level}: ${progress.done}/${progress.total}`,
        },
      })
      .catch(() => {});
  };
}

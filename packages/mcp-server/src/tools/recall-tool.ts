import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MAX_QUERY_LENGTH, MEMORY_KINDS } from '@resonant/core';
import { countNoun, MEMORY_NOUN } from '@resonant/core/adapters';
import { z } from 'zod';
import { detailArgument, memoryViewSchema, renderMemoryLine, viewMemory } from '../memory-view.js';
import { registerMemoryTool } from '../register-memory-tool.js';
import { namespaceArgument, type ToolContext } from '../tool-context.js';
import { decodePageCursor, encodePageCursor, pageFingerprint } from '../page-cursor.js';

/** Page sizes and depth of the `recall` tool. */
export const RECALL_TOOL_DEFAULTS = Object.freeze({
  /** Memories per page; small, because every hit costs the model tokens. @default 5 */
  limit: 5,
  /** Largest page. @default 50 */
  maxLimit: 50,
  /** Deepest rank a page may reach (cursor offset + limit). @default 200 */
  maxDepth: 200,
});

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    query: z
      .string()
      .min(1)
      .max(MAX_QUERY_LENGTH)
      .describe('What to remember about, in natural language (English or Japanese), such as "what does Alice drink".'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(RECALL_TOOL_DEFAULTS.maxLimit)
      .default(RECALL_TOOL_DEFAULTS.limit)
      .describe(`Memories per page, 1 to ${RECALL_TOOL_DEFAULTS.maxLimit}; default ${RECALL_TOOL_DEFAULTS.limit}.`),
    cursor: z
      .string()
      .max(200)
      .optional()
      .describe('nextCursor of the previous page, to read further down the same ranking.'),
    kinds: z.array(z.enum(MEMORY_KINDS)).min(1).optional().describe('Only memories of these kinds.'),
    detail: detailArgument,
    reinforce: z
      .boolean()
      .default(true)
      .describe(
        'Default true: memories shown on the first page count as recalled (fresher, longer-lived). Later pages never reinforce. Set false to browse without effect.',
      ),
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace searched.'),
  hits: z
    .array(
      memoryViewSchema.extend({
        rank: z.number().int().min(1).describe('1-based rank in the whole ranking, across pages.'),
        score: z
          .number()
          .min(0)
          .max(1)
          .describe('Composite score 0..1 (relevance, recency, arousal, utility, phrase).'),
      }),
    )
    .describe('Memories, best first.'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null when there is none.'),
  reinforced: z.boolean().describe('Whether these memories were reinforced as recalled.'),
});

/** `recall`: the memories that matter for a query, ranked, compact and paginated. */
export function registerRecallTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'recall',
    {
      title: 'Recall',
      description:
        'Search long-term memory: returns the memories most relevant to a query, ranked by relevance, recency, emotional intensity and learned usefulness. ' +
        'Compact by default; page with nextCursor. By default the memories returned on the first page are reinforced as recalled.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (input) => {
      const namespace = context.namespaceFor(input.namespace);
      const fingerprint = pageFingerprint([namespace, input.query, input.kinds ?? null]);
      const offset = input.cursor === undefined ? 0 : decodePageCursor(input.cursor, fingerprint);
      const depth = Math.min(offset + input.limit, RECALL_TOOL_DEFAULTS.maxDepth);
      // Reinforcing only on the first page keeps the ranking stable for later pages and
      // counts each memory as recalled once per question, not once per page read.
      const reinforce = input.reinforce && offset === 0;
      const ranked =
        offset < depth
          ? await context.memory.recall({
              namespace,
              query: input.query,
              limit: depth,
              reinforce,
              filter: input.kinds && { kind: input.kinds },
            })
          : [];
      const hits = ranked.slice(offset).map((hit, index) => ({
        ...viewMemory(hit.memory, input.detail, context.compactTextLength),
        rank: offset + index + 1,
        score: Math.round(hit.score * 10_000) / 10_000,
      }));
      const nextCursor =
        ranked.length === depth && depth < RECALL_TOOL_DEFAULTS.maxDepth
          ? encodePageCursor({ offset: depth, fingerprint })
          : null;
      const heading =
        hits.length === 0
          ? `No memories found for ${JSON.stringify(input.query)} in ${JSON.stringify(namespace)}${offset > 0 ? ' past this point' : ''}.`
          : `${countNoun(hits.length, MEMORY_NOUN)} for ${JSON.stringify(input.query)} in ${JSON.stringify(namespace)}, best first:`;
      const lines = hits.map((hit) => renderMemoryLine(hit, ` · #${hit.rank}`));
      const more = nextCursor ? [`More: call recall again with cursor ${JSON.stringify(nextCursor)}.`] : [];
      return {
        text: [heading, ...lines, ...more].join('\n'),
        structured: { namespace, hits, nextCursor, reinforced: reinforce && hits.length > 0 },
      };
    },
  );
}

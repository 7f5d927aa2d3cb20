import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { detailArgument, memoryViewSchema, renderMemoryLine, viewMemory } from '../memory-view.js';
import { decodePageCursor, encodePageCursor, pageFingerprint } from '../page-cursor.js';
import { registerMemoryTool } from '../register-memory-tool.js';
import { memoryIdArgument, namespaceArgument, type ToolContext } from '../tool-context.js';

/** Page sizes of the `drill_down` tool. */
export const DRILL_DOWN_TOOL_DEFAULTS = Object.freeze({
  /** Children and raw memories per page. @default 10 */
  limit: 10,
  /** Largest page. @default 100 */
  maxLimit: 100,
});

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    id: memoryIdArgument.describe('The memory to open, usually a summary written by consolidate ("m:<id>" or bare).'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(DRILL_DOWN_TOOL_DEFAULTS.maxLimit)
      .default(DRILL_DOWN_TOOL_DEFAULTS.limit)
      .describe(
        `Direct children and raw memories per page, 1 to ${DRILL_DOWN_TOOL_DEFAULTS.maxLimit}; default ${DRILL_DOWN_TOOL_DEFAULTS.limit}.`,
      ),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page, to read further raw memories.'),
    detail: detailArgument,
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace of the memory.'),
  root: memoryViewSchema.describe('The memory opened.'),
  depth: z.number().int().min(0).describe('Levels below it down to raw memories; 0 for a raw memory.'),
  children: z.array(memoryViewSchema).describe('What it directly summarizes, oldest first (first page only).'),
  childrenTotal: z.number().int().min(0).describe('How many direct children it has.'),
  raw: z
    .array(memoryViewSchema)
    .describe('This page of the raw memories it was made from, oldest first; archived ones included.'),
  rawTotal: z.number().int().min(0).describe('How many raw memories it was made from.'),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor for the next page of raw memories; null when there is none.'),
});

/** `drill_down`: from a consolidation summary down to the memories it came from. */
export function registerDrillDownTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'drill_down',
    {
      title: 'Drill down',
      description:
        'Open a summary written by consolidate: returns what it directly summarizes and, page by page, the raw memories it was made from, ' +
        'archived ones included with their full text. Use it when a summary is too coarse to answer. Reads only.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (input) => {
      const namespace = context.namespaceFor(input.namespace);
      const fingerprint = pageFingerprint([namespace, input.id]);
      const offset = input.cursor === undefined ? 0 : decodePageCursor(input.cursor, fingerprint);
      const { root, raw, depth } = await context.memory.drillDown({ namespace, id: input.id });
      const view = (record: Parameters<typeof viewMemory>[0]) =>
        viewMemory(record, input.detail, context.compactTextLength);
      const children = offset === 0 ? root.children.slice(0, input.limit).map((child) => view(child.memory)) : [];
      // A raw memory is its own only leaf; list leaves only below a summary.
      const leaves = depth === 0 ? [] : raw;
      const page = leaves.slice(offset, offset + input.limit).map(view);
      const nextCursor =
        offset + input.limit < leaves.length ? encodePageCursor({ offset: offset + input.limit, fingerprint }) : null;
      const structured = {
        namespace,
        root: view(root.memory),
        depth,
        children,
        childrenTotal: root.children.length,
        raw: page,
        rawTotal: leaves.length,
        nextCursor,
      };
      const lines = [
        renderMemoryLine(structured.root, root.memory.level === null ? '' : ` · level ${root.memory.level}`),
      ];
      if (depth === 0) lines.push('A raw memory: it summarizes nothing.');
      if (children.length > 0)
        lines.push(
          `Summarizes ${root.children.length} memories directly:`,
          ...children.map((child) => `  ${renderMemoryLine(child)}`),
        );
      if (page.length > 0)
        lines.push(
          `Raw memories ${offset + 1}-${offset + page.length} of ${leaves.length}, oldest first:`,
          ...page.map((leaf) => `  ${renderMemoryLine(leaf)}`),
        );
      if (nextCursor) lines.push(`More: call drill_down again with cursor ${JSON.stringify(nextCursor)}.`);
      return { text: lines.join('\n'), structured };
    },
  );
}

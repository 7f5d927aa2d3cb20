import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { registerMemoryTool } from '../register-memory-tool.js';
import { memoryIdArgument, namespaceArgument, type ToolContext } from '../tool-context.js';

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    ids: z
      .array(memoryIdArgument)
      .min(1)
      .max(100)
      .describe('Ids of the memories to delete (1 to 100), bare or as "m:<id>".'),
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace the memories were deleted from.'),
  forgotten: z.array(z.string()).describe('Ids that existed in the namespace and are now deleted for good.'),
  missing: z.array(z.string()).describe('Ids not found in this namespace (never deleted elsewhere).'),
  summariesRewritten: z
    .array(z.string())
    .describe(
      'Ids of consolidation summaries above the forgotten memories, rewritten from what remains so none quotes them.',
    ),
  summariesRemoved: z
    .array(z.string())
    .describe('Ids of consolidation summaries that summarized only forgotten memories, deleted.'),
  summariesChecked: z
    .boolean()
    .describe(
      'False when the store cannot link summaries to their memories: then only the memories themselves were deleted.',
    ),
});

/** `forget`: deletes memories by id, for good. */
export function registerForgetTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'forget',
    {
      title: 'Forget',
      description:
        'Permanently delete memories by id (text, embedding and index entries), for example when the user asks to forget something or a memory is wrong. ' +
        'Consolidation summaries above them are rewritten from what remains (or deleted when nothing remains), so no summary still quotes them. ' +
        'Forgetting a summary removes only the summary: to forget what it says, drill_down into it and forget those memories too. ' +
        'Ids in other namespaces are never touched. To correct a memory, forget it and remember the corrected text.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input) => {
      const namespace = context.namespaceFor(input.namespace);
      const ids = [...new Set(input.ids)];
      const { forgotten, summariesRewritten, summariesRemoved, summariesChecked } = await context.memory.forget({
        namespace,
        ids,
      });
      const gone = new Set(forgotten);
      const missing = ids.filter((id) => !gone.has(id));
      const parts = [`Forgot ${forgotten.length} of ${ids.length} memories in ${JSON.stringify(namespace)}.`];
      if (summariesRewritten.length + summariesRemoved.length > 0)
        parts.push(`Summaries above them: ${summariesRewritten.length} rewritten, ${summariesRemoved.length} removed.`);
      if (!summariesChecked)
        parts.push('This store does not link summaries to their memories, so summaries were not checked.');
      if (missing.length > 0) parts.push(`Not found here: ${missing.map((id) => `m:${id}`).join(', ')}.`);
      return {
        text: parts.join(' '),
        structured: { namespace, forgotten, missing, summariesRewritten, summariesRemoved, summariesChecked },
      };
    },
  );
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { registerMemoryTool } from '../register-memory-tool.js';
import { memoryIdArgument, namespaceArgument, type ToolContext } from '../tool-context.js';

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    ids: z.array(memoryIdArgument).min(1).max(100).describe('Ids of the memories to delete (1 to 100), bare or as "m:<id>".'),
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace the memories were deleted from.'),
  forgotten: z.array(z.string()).describe('Ids that existed in the namespace and are now deleted for good.'),
  missing: z.array(z.string()).describe('Ids not found in this namespace (never deleted elsewhere).'),
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
        'Ids in other namespaces are never touched. To correct a memory, forget it and remember the corrected text.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input) => {
      const namespace = context.namespaceFor(input.namespace);
      const ids = [...new Set(input.ids)];
      const { forgotten } = await context.memory.forget({ namespace, ids });
      const gone = new Set(forgotten);
      const missing = ids.filter((id) => !gone.has(id));
      const parts = [`Forgot ${forgotten.length} of ${ids.length} memories in ${JSON.stringify(namespace)}.`];
      if (missing.length > 0) parts.push(`Not found here: ${missing.map((id) => `m:${id}`).join(', ')}.`);
      return { text: parts.join(' '), structured: { namespace, forgotten, missing } };
    },
  );
}

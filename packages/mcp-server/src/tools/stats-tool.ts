import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { registerMemoryTool } from '../register-memory-tool.js';
import { namespaceArgument, type ToolContext } from '../tool-context.js';

const inputSchema = z.object({ namespace: namespaceArgument }).strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace counted.'),
  count: z.number().int().min(0).describe('Memories in the namespace, archived ones included.'),
  embedder: z
    .object({
      id: z.string().describe('Embedding model the store was built with.'),
      dimensions: z.number().int().min(1).describe('Embedding dimensions.'),
    })
    .describe('The embedder of this store.'),
});

/** `stats`: counts of a namespace. */
export function registerStatsTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'stats',
    {
      title: 'Memory statistics',
      description: 'Count the memories of a namespace and name the embedder the store uses. Reads only.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (input) => {
      const stats = await context.memory.stats({ namespace: context.namespaceFor(input.namespace) });
      const structured = { namespace: stats.namespace, count: stats.count, embedder: { ...stats.embedder } };
      return {
        text: `${JSON.stringify(stats.namespace)} holds ${stats.count} memories (embedder ${stats.embedder.id}, ${stats.embedder.dimensions} dimensions).`,
        structured,
      };
    },
  );
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MAX_QUERY_LENGTH, MEMORY_KINDS } from '@resonant/core';
import { z } from 'zod';
import { registerMemoryTool } from '../register-memory-tool.js';
import { namespaceArgument, type ToolContext } from '../tool-context.js';

/** Budgets of the `build_context` tool. */
export const BUILD_CONTEXT_TOOL_DEFAULTS = Object.freeze({
  /** Token budget of the memory block when a call gives none. @default 1000 */
  maxTokens: 1000,
  /** Largest budget a call may ask for. @default 32000 */
  maxBudget: 32_000,
});

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    query: z
      .string()
      .min(1)
      .max(MAX_QUERY_LENGTH)
      .describe('What the conversation is about now, usually the latest user message.'),
    maxTokens: z
      .number()
      .int()
      .min(1)
      .max(BUILD_CONTEXT_TOOL_DEFAULTS.maxBudget)
      .default(BUILD_CONTEXT_TOOL_DEFAULTS.maxTokens)
      .describe(
        `Token budget of the memory block; the text returned never exceeds it. Default ${BUILD_CONTEXT_TOOL_DEFAULTS.maxTokens}.`,
      ),
    model: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Model or tiktoken encoding the tokens are counted for ("gpt-4o", "cl100k_base"); default o200k_base.'),
    kinds: z.array(z.enum(MEMORY_KINDS)).min(1).optional().describe('Only memories of these kinds.'),
    reinforce: z
      .boolean()
      .default(true)
      .describe('Default true: memories shown count as recalled. Set false for a dry run.'),
  })
  .strict();

const outputSchema = z.object({
  namespace: z.string().describe('Namespace the context came from.'),
  text: z.string().describe('The memory block to place in the prompt; empty when nothing relevant fits.'),
  tokens: z.number().int().min(0).describe('Exact tokens of text; never more than maxTokens.'),
  maxTokens: z.number().int().describe('The budget asked for.'),
  encoding: z.string().describe('Tokenizer the count is for.'),
  included: z
    .array(
      z.object({
        id: z.string().describe('Memory id.'),
        reference: z
          .string()
          .describe(
            'How the block cites it: "m:" and the shortest prefix of its id unique in the namespace; tools take it as an id.',
          ),
        mode: z
          .enum(['full', 'summary', 'aggregate'])
          .describe('full text, a summary, or counted in the aggregate line.'),
        tokens: z.number().describe('Tokens of its line (aggregate members share their line).'),
      }),
    )
    .describe('Every memory placed, in block order.'),
  omitted: z.number().int().min(0).describe('Relevant memories that did not fit at all.'),
  warnings: z
    .array(
      z.object({
        code: z.string().describe('crisis_omitted, low_compression_quality or invalid_judgement.'),
        memoryId: z.string().describe('Memory concerned.'),
        message: z.string().describe('What happened.'),
      }),
    )
    .describe('Things to know, such as a crisis memory that did not fit.'),
});

/** `build_context`: a memory block for the prompt under an exact token budget. */
export function registerBuildContextTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'build_context',
    {
      title: 'Build memory context',
      description:
        'Assemble the memories that matter for the current conversation into one block for the prompt, within an exact token budget: crisis items first and whole, ' +
        'important memories in full, others summarised or folded into one line. The text content is the block alone and never exceeds maxTokens.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (input) => {
      const namespace = context.namespaceFor(input.namespace);
      const built = await context.memory.buildContext({
        namespace,
        query: input.query,
        budget: { tokens: input.maxTokens },
        model: input.model,
        reinforce: input.reinforce,
        filter: input.kinds && { kind: input.kinds },
      });
      const structured = {
        namespace,
        text: built.text,
        tokens: built.tokens,
        maxTokens: input.maxTokens,
        encoding: built.encoding,
        included: built.included.map((item) => ({
          id: item.memory.id,
          reference: item.reference,
          mode: item.mode,
          tokens: item.tokens,
        })),
        omitted: built.omitted,
        warnings: built.warnings.map((warning) => ({ ...warning })),
      };
      // The text content is the block and nothing else, so the budget holds for what the model reads.
      return { text: built.text, structured };
    },
  );
}

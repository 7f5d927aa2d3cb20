import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MAX_TEXT_LENGTH, MEMORY_KINDS } from '@resonant/core';
import { CRISIS_DEFAULTS } from '@resonant/core/context';
import { z } from 'zod';
import { registerMemoryTool } from '../register-memory-tool.js';
import { namespaceArgument, type ToolContext } from '../tool-context.js';

const inputSchema = z
  .object({
    namespace: namespaceArgument,
    text: z
      .string()
      .min(1)
      .max(MAX_TEXT_LENGTH)
      .describe('What to remember, in plain words; one fact, preference or event per memory works best.'),
    kind: z
      .enum(MEMORY_KINDS)
      .optional()
      .describe('episode (default: something that happened), fact, preference, instruction, summary or entity.'),
    summary: z
      .string()
      .min(1)
      .max(MAX_TEXT_LENGTH)
      .optional()
      .describe('Optional short faithful form, used when context is tight.'),
    createdAt: z
      .string()
      .max(64)
      .optional()
      .describe(
        'When it happened, ISO 8601 such as "2026-03-01T18:30:00Z"; default now. Use it to import past conversations.',
      ),
    arousal: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Emotional intensity, 0 calm (default) to 1 overwhelming; intense memories rank higher.'),
    valence: z.number().min(-1).max(1).optional().describe('Emotional direction, -1 painful to 1 joyful; default 0.'),
    crisis: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        `Crisis severity 0 to 1 (default 0); from ${CRISIS_DEFAULTS.threshold} the memory goes first in built contexts, whole, never summarised.`,
      ),
    metadata: z
      .record(z.string(), z.json())
      .optional()
      .describe('Optional JSON object stored with the memory, such as {"source": "chat"}.'),
  })
  .strict();

const outputSchema = z.object({
  id: z.string().describe('Id of the stored memory (cite as "m:<id>").'),
  namespace: z.string().describe('Namespace it was stored in.'),
  kind: z.enum(MEMORY_KINDS).describe('Kind it was stored as.'),
  outcome: z
    .enum(['created', 'merged'])
    .describe('"created": a new memory; "merged": a duplicate, which reinforced an existing memory instead.'),
  createdAt: z.string().describe('Creation time of the stored memory (ISO 8601).'),
  queued: z
    .literal(true)
    .optional()
    .describe(
      'Present when the store was unreachable: the memory is queued durably, not searchable until the store is back, and not checked for duplicates.',
    ),
});

/** `remember`: stores one memory. */
export function registerRememberTool(server: McpServer, context: ToolContext): void {
  registerMemoryTool(
    server,
    context,
    'remember',
    {
      title: 'Remember',
      description:
        'Store one memory in long-term memory: a fact, preference, instruction or event worth keeping across conversations. ' +
        'Returns its id. Exact duplicates may be merged into the existing memory.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (input) => {
      const { memory, outcome, queued } = await context.memory.remember({
        namespace: context.namespaceFor(input.namespace),
        text: input.text,
        kind: input.kind,
        summary: input.summary,
        createdAt: input.createdAt === undefined ? undefined : new Date(input.createdAt),
        arousal: input.arousal,
        valence: input.valence,
        crisis: input.crisis,
        metadata: input.metadata,
      });
      const structured = {
        id: memory.id,
        namespace: memory.namespace,
        kind: memory.kind,
        outcome,
        createdAt: memory.createdAt.toISOString(),
        ...(queued ? { queued } : {}),
      };
      const verb = outcome === 'created' ? 'Remembered' : 'Already known; reinforced';
      const later = queued ? ' Queued: the store is unreachable; it is written when the store is back.' : '';
      return {
        text: `${verb} m:${memory.id} (${memory.kind}) in ${JSON.stringify(memory.namespace)}.${later}`,
        structured,
      };
    },
  );
}

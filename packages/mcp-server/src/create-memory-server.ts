import { createRequire } from 'node:module';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InvalidInputError, isValidNamespace, MAX_NAMESPACE_LENGTH, type Memory } from '@resonant/core';
import { z } from 'zod';
import { registerRecentMemoriesResource } from './resources/recent-memories-resource.js';
import type { UnexpectedErrorHandler } from './run-tool.js';
import { fallbackNamespace, namespaceResolver, type ToolContext } from './tool-context.js';
import { registerBuildContextTool } from './tools/build-context-tool.js';
import { registerConsolidateTool } from './tools/consolidate-tool.js';
import { registerDrillDownTool } from './tools/drill-down-tool.js';
import { registerFeedbackTool } from './tools/feedback-tool.js';
import { registerForgetTool } from './tools/forget-tool.js';
import { registerRecallTool } from './tools/recall-tool.js';
import { registerRememberTool } from './tools/remember-tool.js';
import { registerStatsTool } from './tools/stats-tool.js';

/** What `createMemoryServer` uses when an option is left out. */
export const MEMORY_SERVER_DEFAULTS = Object.freeze({
  /** Characters of memory text per item in compact results. @default 280 */
  compactTextLength: 280,
});

/** Options of {@link createMemoryServer}. */
export interface CreateMemoryServerOptions {
  /** The memory the tools work on; the caller opens it and closes it. */
  memory: Memory;
  /** Namespace used when a call names none; without it, every call must name one (or the scope is used). */
  defaultNamespace?: string;
  /**
   * Confines every tool and resource to this namespace and those below it (`user:alice` admits
   * `user:alice/agent:mika`); others fail with `namespace_forbidden` and are not listed. Without it,
   * a client may name any namespace of the store.
   */
  namespaceScope?: string;
  /** Characters of memory text per item in compact results (`MEMORY_SERVER_DEFAULTS`). */
  compactTextLength?: number;
  /** Told about failures that are not `ResonantError`s; the client still gets a tool error. Default: ignore. */
  onUnexpectedError?: UnexpectedErrorHandler;
}

// Checked as core checks a namespace, so a bad one fails when the server is made, not on every call.
const namespaceOption = z
  .string()
  .refine(
    isValidNamespace,
    `must be a namespace: non-blank, printable, well-formed, at most ${MAX_NAMESPACE_LENGTH} characters`,
  );

const optionsSchema = z
  .object({
    memory: z.custom<Memory>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        [
          'remember',
          'recall',
          'forget',
          'stats',
          'listRecent',
          'namespaces',
          'applyFeedback',
          'buildContext',
          'drillDown',
          'consolidate',
        ].every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
      'must be a Memory from createMemory()',
    ),
    defaultNamespace: namespaceOption.optional(),
    namespaceScope: namespaceOption
      .refine((scope) => !scope.endsWith('/'), 'a scope must not end in "/" (it would admit nothing)')
      .optional(),
    compactTextLength: z.number().int().min(40).max(100_000).optional(),
    onUnexpectedError: z
      .custom<UnexpectedErrorHandler>((value) => typeof value === 'function', 'must be a function')
      .optional(),
  })
  .strict();

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/**
 * An MCP server exposing a Resonant memory as tools (`remember`, `recall`, `forget`, `stats`, ...)
 * and a recent-memories resource. Connect it to any transport; it never touches stdio itself.
 */
export function createMemoryServer(options: CreateMemoryServerOptions): McpServer {
  const result = optionsSchema.safeParse(options);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw new InvalidInputError(
      `Invalid createMemoryServer options: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      issues,
      { cause: result.error },
    );
  }
  const parsed = result.data;
  const scope = parsed.namespaceScope;
  const defaultNamespace = fallbackNamespace(parsed.defaultNamespace, scope);
  const context: ToolContext = {
    memory: parsed.memory,
    namespaceFor: namespaceResolver(defaultNamespace, scope),
    namespaceScope: scope,
    compactTextLength: parsed.compactTextLength ?? MEMORY_SERVER_DEFAULTS.compactTextLength,
    onUnexpectedError: parsed.onUnexpectedError ?? (() => {}),
  };
  const server = new McpServer(
    { name: 'resonant', title: 'Resonant memory', version: packageJson.version },
    {
      instructions:
        'Long-term memory across conversations. Call recall (or build_context for a whole prompt block) before answering when the past may matter; ' +
        'call remember for facts, preferences and events worth keeping; after answering, call feedback with the ids (m:<id>) of the memories that helped. ' +
        'Tool errors start with a code such as invalid_input.',
    },
  );
  registerRememberTool(server, context);
  registerRecallTool(server, context);
  registerBuildContextTool(server, context);
  registerFeedbackTool(server, context);
  registerForgetTool(server, context);
  registerDrillDownTool(server, context);
  registerConsolidateTool(server, context);
  registerStatsTool(server, context);
  registerRecentMemoriesResource(server, context, defaultNamespace);
  return server;
}

import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { runTool, type ToolReply } from './run-tool.js';
import type { ToolContext } from './tool-context.js';

/** What every Resonant tool declares: nothing optional, so no tool ships without its contract. */
export interface MemoryToolConfig<Input extends z.ZodObject, Output extends z.ZodObject> {
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: Required<Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>>;
}

/** The request a tool call came in: its progress token, notifications back to the client, cancellation. */
export type ToolCallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Registers a tool whose handler gets validated input and returns text plus structured content
 * typed by the output schema; failures become tool errors through `runTool`.
 */
export function registerMemoryTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  server: McpServer,
  context: ToolContext,
  name: string,
  config: MemoryToolConfig<Input, Output>,
  handler: (input: z.output<Input>, extra: ToolCallExtra) => Promise<ToolReply<z.input<Output>>>,
): void {
  const callback = (input: z.output<Input>, extra: ToolCallExtra) =>
    runTool(name, () => handler(input, extra), context.onUnexpectedError);
  server.registerTool(name, config, callback as unknown as ToolCallback<Input>);
}

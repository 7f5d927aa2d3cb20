import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
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

/**
 * Registers a tool whose handler gets validated input and returns text plus structured content
 * typed by the output schema; failures become tool errors through `runTool`.
 */
export function registerMemoryTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  server: McpServer,
  context: ToolContext,
  name: string,
  config: MemoryToolConfig<Input, Output>,
  handler: (input: z.output<Input>) => Promise<ToolReply<z.input<Output>>>,
): void {
  const callback = (input: z.output<Input>) => runTool(name, () => handler(input), context.onUnexpectedError);
  server.registerTool(name, config, callback as unknown as ToolCallback<Input>);
}

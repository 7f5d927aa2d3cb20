import { ResonantError } from '@resonant/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What a tool handler produces: text for the model, the same facts as structured content. */
export interface ToolReply<Structured> {
  text: string;
  structured: Structured;
}

/** Receives errors that are not `ResonantError`s (bugs, broken stores) for logging. */
export type UnexpectedErrorHandler = (error: unknown, tool: string) => void;

/** Error code sent for failures that are not a `ResonantError`. */
export const INTERNAL_ERROR_CODE = 'internal_error';

/**
 * Runs one tool call and turns its outcome into an MCP result. Every failure becomes a tool error
 * (`isError: true`) whose text starts with the error code (`invalid_input: ...`), so a model can
 * read it and correct its call, and the server keeps serving.
 */
export async function runTool<Structured>(
  tool: string,
  operation: () => Promise<ToolReply<Structured>>,
  onUnexpectedError: UnexpectedErrorHandler,
): Promise<CallToolResult> {
  try {
    const reply = await operation();
    return {
      content: [{ type: 'text', text: reply.text }],
      structuredContent: reply.structured as Record<string, unknown>,
    };
  } catch (error) {
    if (ResonantError.isInstance(error)) {
      return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}` }] };
    }
    onUnexpectedError(error, tool);
    const message = error instanceof Error ? error.message : String(error);
    return { isError: true, content: [{ type: 'text', text: `${INTERNAL_ERROR_CODE}: ${tool} failed: ${message}` }] };
  }
}

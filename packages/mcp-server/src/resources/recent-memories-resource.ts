import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ResonantError } from '@resonant/core';
import { isWithinNamespace } from '@resonant/core/store';
import { viewMemory } from '../memory-view.js';
import { assertInScope, type ToolContext } from '../tool-context.js';

/** URI template of the recent-memories resource; the namespace is percent-encoded. */
export const RECENT_MEMORIES_URI_TEMPLATE = 'resonant://namespaces/{namespace}/recent';

/** Memories the resource lists. */
export const RECENT_MEMORIES_LIMIT = 20;

/** Namespaces advertised in a resource listing (the default namespace first); others are read by URI. */
export const LISTED_NAMESPACES_LIMIT = 100;

/** The URI of a namespace's recent memories. */
export function recentMemoriesUri(namespace: string): string {
  return `resonant://namespaces/${encodeURIComponent(namespace)}/recent`;
}

/** A resource per namespace: its newest memories (compact JSON), read without reinforcing them. */
export function registerRecentMemoriesResource(
  server: McpServer,
  context: ToolContext,
  defaultNamespace: string | undefined,
): void {
  server.registerResource(
    'recent-memories',
    new ResourceTemplate(RECENT_MEMORIES_URI_TEMPLATE, {
      list: async () => {
        const scope = context.namespaceScope;
        const stored = (await context.memory.namespaces()).filter(
          (namespace) => scope === undefined || isWithinNamespace(namespace, scope),
        );
        const namespaces = [
          ...new Set([...(defaultNamespace === undefined ? [] : [defaultNamespace]), ...stored]),
        ].slice(0, LISTED_NAMESPACES_LIMIT);
        return {
          resources: namespaces.map((namespace) => ({
            uri: recentMemoriesUri(namespace),
            name: `Recent memories of ${namespace}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    {
      title: 'Recent memories',
      description: `The ${RECENT_MEMORIES_LIMIT} newest memories of a namespace, newest first, as compact JSON. Reading does not reinforce them.`,
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const namespace = decodeNamespace(variables.namespace);
      try {
        assertInScope(namespace, context.namespaceScope);
        const records = await context.memory.listRecent({ namespace, limit: RECENT_MEMORIES_LIMIT });
        const memories = records.map((record) => viewMemory(record, 'compact', context.compactTextLength));
        return {
          contents: [
            { uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ namespace, memories }, null, 2) },
          ],
        };
      } catch (error) {
        if (ResonantError.isInstance(error))
          throw new McpError(ErrorCode.InvalidParams, `${error.code}: ${error.message}`);
        context.onUnexpectedError(error, 'resource recent-memories');
        throw new McpError(ErrorCode.InternalError, 'internal_error: reading recent memories failed');
      }
    },
  );
}

function decodeNamespace(value: string | string[] | undefined): string {
  try {
    if (typeof value === 'string') return decodeURIComponent(value);
  } catch {
    // Fall through: a malformed escape is a bad URI, not a server failure.
  }
  throw new McpError(
    ErrorCode.InvalidParams,
    'invalid_input: the resource URI does not name a namespace (percent-encode it).',
  );
}

// The public API of @resonant/mcp-server.

export { createMemoryServer, MEMORY_SERVER_DEFAULTS, type CreateMemoryServerOptions } from './create-memory-server.js';
export { INTERNAL_ERROR_CODE, type UnexpectedErrorHandler } from './run-tool.js';
export { RECALL_TOOL_DEFAULTS } from './tools/recall-tool.js';
export { BUILD_CONTEXT_TOOL_DEFAULTS } from './tools/build-context-tool.js';
export { DRILL_DOWN_TOOL_DEFAULTS } from './tools/drill-down-tool.js';
export {
  RECENT_MEMORIES_URI_TEMPLATE,
  RECENT_MEMORIES_LIMIT,
  LISTED_NAMESPACES_LIMIT,
  recentMemoriesUri,
} from './resources/recent-memories-resource.js';
export { readServerConfig, type ServerConfig } from './read-server-config.js';
export { serveHttp, type HttpServerHandle, type ServeHttpOptions } from './serve-http.js';

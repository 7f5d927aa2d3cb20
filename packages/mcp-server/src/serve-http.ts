import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/** Options of {@link serveHttp}. */
export interface ServeHttpOptions {
  /** A fresh server per request (stateless mode); they may share one memory. */
  createServer: () => McpServer;
  /** 0 picks a free port. */
  port: number;
  /** Told about failed requests. */
  log?: (message: string) => void;
}

/** A running HTTP endpoint. */
export interface HttpServerHandle {
  /** The MCP endpoint, such as `http://127.0.0.1:8787/mcp`. */
  url: string;
  close(): Promise<void>;
}

/** The only address the HTTP transport binds: memory never listens beyond this machine. */
const LOOPBACK = '127.0.0.1';

/**
 * Serves MCP over Streamable HTTP at `/mcp` on 127.0.0.1, stateless (one server and transport per
 * POST). Requests whose Host or Origin is not this loopback address are refused, which stops
 * DNS-rebinding pages in a browser from reaching the memory.
 */
export async function serveHttp(options: ServeHttpOptions): Promise<HttpServerHandle> {
  const log = options.log ?? (() => {});
  let allowedHosts = new Set<string>();
  const httpServer = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`HTTP request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) reply(response, 500, 'internal_error');
      else response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    if (url.pathname !== '/mcp') return reply(response, 404, 'not found: the MCP endpoint is /mcp');
    if (!allowedHosts.has(request.headers.host ?? '')) return reply(response, 403, 'forbidden host');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '')))
      return reply(response, 403, 'forbidden origin');
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return reply(response, 405, 'method not allowed: this server is stateless, POST only');
    }
    const server = options.createServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, LOOPBACK, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  return {
    url: `http://${LOOPBACK}:${port}/mcp`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        httpServer.closeAllConnections();
        httpServer.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function reply(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message);
}

import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidInputError } from '@resonant/core';
import { fallbackNamespace } from './tool-context.js';

/** Where the bin keeps its store unless told otherwise (under the user's home directory). */
export const DEFAULT_STORE_PATH = path.join('.resonant', 'memory.db');

/** Port of the Streamable HTTP transport unless told otherwise. */
export const DEFAULT_HTTP_PORT = 8787;

/** How the bin was asked to run. */
export interface ServerConfig {
  /** Absolute path of the SQLite store file. */
  path: string;
  /** Namespace for calls that name none. */
  defaultNamespace: string | undefined;
  /** Namespace every call is confined to (with those below it), if any. */
  namespaceScope: string | undefined;
  /** stdio (default), or Streamable HTTP on 127.0.0.1 only. */
  transport: { kind: 'stdio' } | { kind: 'http'; host: '127.0.0.1'; port: number };
  /** `--help` / `--version` were given: print and exit. */
  action: 'serve' | 'help' | 'version';
}

/** Usage text for `resonant-mcp --help`. */
export const USAGE = `Usage: resonant-mcp [options]

Serves a Resonant memory over MCP: stdio by default (for Claude Desktop and other clients).

Options (each overrides its environment variable):
  --path <file>        SQLite store file            (RESONANT_PATH; default ~/${DEFAULT_STORE_PATH})
  --namespace <name>   default namespace            (RESONANT_NAMESPACE; default: the scope, else none: calls must name one)
  --scope <name>       confine every call to <name> and the namespaces below it
                                                    (RESONANT_NAMESPACE_SCOPE; default: none, any namespace)
  --http               Streamable HTTP on 127.0.0.1 (RESONANT_TRANSPORT=http)
  --port <number>      HTTP port                    (RESONANT_HTTP_PORT; default ${DEFAULT_HTTP_PORT}; 0 picks a free one)
  --help, --version
Logs go to stderr; stdout carries the protocol only.
`;

/** Reads the bin's settings from its arguments and environment; throws `InvalidInputError` on bad ones (a default namespace outside the scope included). */
export function readServerConfig(options: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  homeDirectory: string;
  cwd: string;
}): ServerConfig {
  const { env } = options;
  let values: ReturnType<typeof parseFlags>['values'];
  try {
    values = parseFlags(options.argv).values;
  } catch (error) {
    throw new InvalidInputError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, [
      { path: 'argv', message: 'unknown or malformed option' },
    ]);
  }
  const action = values.help ? 'help' : values.version ? 'version' : 'serve';
  const storePath = nonEmpty(values.path) ?? nonEmpty(env.RESONANT_PATH);
  const transportName = values.http ? 'http' : (nonEmpty(env.RESONANT_TRANSPORT) ?? 'stdio');
  if (transportName !== 'stdio' && transportName !== 'http') {
    throw new InvalidInputError(`RESONANT_TRANSPORT must be "stdio" or "http", not ${JSON.stringify(transportName)}.`, [
      { path: 'RESONANT_TRANSPORT', message: 'stdio or http' },
    ]);
  }
  const defaultNamespace = nonEmpty(values.namespace) ?? nonEmpty(env.RESONANT_NAMESPACE);
  const namespaceScope = nonEmpty(values.scope) ?? nonEmpty(env.RESONANT_NAMESPACE_SCOPE);
  // Checked here, not only by createMemoryServer: over HTTP a server is made per request, so a bad pair would fail every request instead of the start.
  fallbackNamespace(defaultNamespace, namespaceScope);
  return {
    path:
      storePath === undefined
        ? path.join(options.homeDirectory, DEFAULT_STORE_PATH)
        : path.resolve(options.cwd, storePath),
    defaultNamespace,
    namespaceScope,
    transport:
      transportName === 'stdio'
        ? { kind: 'stdio' }
        : { kind: 'http', host: '127.0.0.1', port: readPort(values.port ?? nonEmpty(env.RESONANT_HTTP_PORT)) },
    action,
  };
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      path: { type: 'string' },
      namespace: { type: 'string' },
      scope: { type: 'string' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
}

function readPort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HTTP_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidInputError(`The HTTP port must be an integer from 0 to 65535, not ${JSON.stringify(value)}.`, [
      { path: 'port', message: 'not a port' },
    ]);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

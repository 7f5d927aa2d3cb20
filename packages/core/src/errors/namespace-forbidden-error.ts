import { ResonantError } from './resonant-error.js';

/** A call named a namespace outside the scope its caller is confined to (an MCP server's `namespaceScope`). */
export class NamespaceForbiddenError extends ResonantError {
  constructor(message: string) {
    super('namespace_forbidden', message);
  }
}

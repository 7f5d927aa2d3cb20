import { InvalidInputError, NamespaceForbiddenError, type Memory } from '@resonant/core';
import { isWithinNamespace } from '@resonant/core/store';
import { z } from 'zod';
import type { UnexpectedErrorHandler } from './run-tool.js';

/** What every tool handler needs: the memory and the server's settings. Internal. */
export interface ToolContext {
  readonly memory: Memory;
  /** The namespace a call works in: the one it names, else the server's default; never outside the scope. */
  namespaceFor(given: string | undefined): string;
  /** The namespace (and what lies below it) every call is confined to, if any. */
  readonly namespaceScope: string | undefined;
  /** Characters of memory text per item in compact results. */
  readonly compactTextLength: number;
  /** Told about failures that are not `ResonantError`s. */
  readonly onUnexpectedError: UnexpectedErrorHandler;
}

/** The `namespace` argument every tool takes. Core validates the value itself. */
export const namespaceArgument = z
  .string()
  .optional()
  .describe(
    'Namespace to work in, such as "user:alice/agent:mika". Namespaces never see each other. Optional when the server has a default namespace.',
  );

/** A memory id as tools accept it: bare, or as cited in context (`m:<id>`). */
export const memoryIdArgument = z
  .string()
  .min(1)
  .max(130)
  .transform((id) => (id.startsWith('m:') ? id.slice(2) : id))
  .describe('Memory id, bare or as cited in context ("m:<id>").');

/**
 * Resolves the namespace of a call: the one it names, else the default. Throws `InvalidInputError`
 * when there is none, and `NamespaceForbiddenError` when a scope is set and the namespace lies outside it.
 */
export function namespaceResolver(
  defaultNamespace: string | undefined,
  scope?: string,
): (given: string | undefined) => string {
  return (given) => {
    const namespace = given ?? defaultNamespace;
    if (namespace === undefined) {
      throw new InvalidInputError(
        'namespace is required: pass "namespace", or start the server with a default namespace (RESONANT_NAMESPACE).',
        [{ path: 'namespace', message: 'required' }],
      );
    }
    assertInScope(namespace, scope);
    return namespace;
  };
}

/** Throws `NamespaceForbiddenError` when a scope is set and `namespace` lies outside it. */
export function assertInScope(namespace: string, scope: string | undefined): void {
  if (scope !== undefined && !isWithinNamespace(namespace, scope)) {
    throw new NamespaceForbiddenError(
      `This server is confined to ${JSON.stringify(scope)} and what lies below it; ${JSON.stringify(namespace)} is outside.`,
    );
  }
}

/**
 * The namespace a server falls back to when a call names none: the default, else the scope. Throws
 * `InvalidInputError` when the default lies outside the scope (the server could never use it).
 */
export function fallbackNamespace(defaultNamespace: string | undefined, scope: string | undefined): string | undefined {
  if (scope !== undefined && defaultNamespace !== undefined && !isWithinNamespace(defaultNamespace, scope)) {
    throw new InvalidInputError(
      `The default namespace ${JSON.stringify(defaultNamespace)} lies outside the scope ${JSON.stringify(scope)}.`,
      [{ path: 'defaultNamespace', message: 'outside the scope' }],
    );
  }
  return defaultNamespace ?? scope;
}

import { InvalidInputError } from '../errors/invalid-input-error.js';

/** Whose memory a framework call works on: one namespace, or a function of the call (its params or run config). */
export type NamespaceOption<Call> = string | ((call: Call) => string);

/**
 * Checks an adapter's `namespace` option at its boundary (a non-blank string or a function) and
 * returns the function that names the namespace of a call. `what` names the options in the error.
 */
export function resolveNamespace<Call>(namespace: NamespaceOption<Call>, what: string): (call: Call) => string {
  if (typeof namespace === 'function') return namespace;
  if (typeof namespace === 'string' && namespace.trim()) return () => namespace;
  throw new InvalidInputError(`Invalid ${what}: namespace must be a non-empty string or a function of the call.`, [{ path: 'namespace', message: 'must be a non-empty string or a function' }]);
}

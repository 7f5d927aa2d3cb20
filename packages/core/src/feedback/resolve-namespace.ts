import { z } from 'zod';
import { parseInput } from '../errors/parse-input.js';
import { namespaceSchema } from '../records/namespace.js';

/** Whose memory a framework call works on: one namespace, or a function of the call (its params or run config). */
export type NamespaceOption<Call> = string | ((call: Call) => string);

const namespaceOptionSchema = z.object({
  // A string is checked as every core call checks a namespace, so a bad one fails here and not on each call.
  namespace: z.union([z.custom<(call: never) => string>((value) => typeof value === 'function'), namespaceSchema], {
    error: 'namespace must be a namespace string or a function of the call',
  }),
});

/**
 * Checks an adapter's `namespace` option at its boundary (a valid namespace, or a function) and
 * returns the function that names the namespace of a call. `what` names the options in the error.
 */
export function resolveNamespace<Call>(namespace: NamespaceOption<Call>, what: string): (call: Call) => string {
  parseInput(namespaceOptionSchema, { namespace }, what);
  return typeof namespace === 'function' ? namespace : () => namespace;
}

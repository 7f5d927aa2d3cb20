import { joinNamespacePath, splitNamespacePath } from '@resonant/core/adapters';

/**
 * How LangGraph namespaces (label arrays) map to Resonant namespaces (strings): core's namespace
 * paths under the store's prefix. `['memories', 'alice']` under the default prefix is
 * `langgraph/memories/alice`; with an empty prefix it is `memories/alice`; `%` and `/` in a label are percent-encoded.
 */
export const toResonantNamespace: (labels: readonly string[], prefix: string) => string = joinNamespacePath;

/** The LangGraph labels of a Resonant namespace, or null when it lies outside the prefix. */
export const fromResonantNamespace: (namespace: string, prefix: string) => string[] | null = splitNamespacePath;

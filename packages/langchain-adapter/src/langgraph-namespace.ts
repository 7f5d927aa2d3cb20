/**
 * How LangGraph namespaces (label arrays) map to Resonant namespaces (strings): the store's prefix,
 * then each label with `%` and `/` percent-encoded, joined by `/`. `['memories', 'alice']` under the
 * default prefix is `langgraph/memories/alice`; with an empty prefix it is `memories/alice`.
 */
export function toResonantNamespace(labels: readonly string[], prefix: string): string {
  const encoded = labels.map((label) => label.replaceAll('%', '%25').replaceAll('/', '%2F'));
  return (prefix ? [prefix, ...encoded] : encoded).join('/');
}

/** The LangGraph labels of a Resonant namespace, or null when it lies outside the prefix. */
export function fromResonantNamespace(namespace: string, prefix: string): string[] | null {
  if (prefix && !namespace.startsWith(`${prefix}/`)) return null;
  const rest = prefix ? namespace.slice(prefix.length + 1) : namespace;
  return rest.split('/').map((label) => label.replaceAll('%2F', '/').replaceAll('%25', '%'));
}

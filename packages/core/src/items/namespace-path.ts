/**
 * A namespace path: a namespace written as labels (`['users', 'alice']`), for stores that nest
 * namespaces. Under a prefix the namespace string is the prefix, then each label with `%` and `/`
 * percent-encoded, joined by `/`: `['users', 'alice']` under `langgraph` is `langgraph/users/alice`;
 * with an empty prefix it is `users/alice`. The mapping is reversible, so one label never spills into two.
 */
export function joinNamespacePath(labels: readonly string[], prefix: string): string {
  const encoded = labels.map((label) => label.replaceAll('%', '%25').replaceAll('/', '%2F'));
  return (prefix ? [prefix, ...encoded] : encoded).join('/');
}

/** The labels of a namespace (see {@link joinNamespacePath}), or null when it lies outside the prefix. */
export function splitNamespacePath(namespace: string, prefix: string): string[] | null {
  if (prefix && !namespace.startsWith(`${prefix}/`)) return null;
  const rest = prefix ? namespace.slice(prefix.length + 1) : namespace;
  return rest.split('/').map((label) => label.replaceAll('%2F', '/').replaceAll('%25', '%'));
}

/** A condition on a namespace path: it starts (`prefix`) or ends (`suffix`) with `path`, where a `*` label matches any label. */
export interface NamespacePathCondition {
  matchType: 'prefix' | 'suffix';
  path: readonly string[];
}

/** Whether the labels meet the condition. */
export function matchesNamespacePath(labels: readonly string[], { matchType, path }: NamespacePathCondition): boolean {
  const start = matchType === 'prefix' ? 0 : labels.length - path.length;
  return path.length <= labels.length && path.every((label, index) => label === '*' || label === labels[start + index]);
}

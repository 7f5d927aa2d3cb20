import { BaseStore, type GetOperation, type Item, type ListNamespacesOperation, type Operation, type OperationResults, type PutOperation, type SearchOperation } from '@langchain/langgraph';
import { InvalidInputError, type JsonValue, type Memory, type MemoryRecord } from '@resonant/core';
import { z } from 'zod';
import { fromResonantNamespace, toResonantNamespace } from './langgraph-namespace.js';
import { matchValueFilter } from './match-value-filter.js';
import { parseOptions } from './parse-options.js';

/** A search result: an item and, for a search with a query, its recall score 0..1. */
type SearchItem = Item & { score?: number };

export const RESONANT_STORE_DEFAULTS = Object.freeze({
  /** First segment of every Resonant namespace this store writes; '' maps labels directly. @default 'langgraph' */
  prefix: 'langgraph',
  /** A search with a query is a recall and reinforces what it returns. @default true */
  reinforce: true,
});

/** The metadata fields that carry a LangGraph item inside a Resonant memory. */
export const LANGGRAPH_ITEM_FIELDS = Object.freeze({ key: 'langgraph_key', value: 'langgraph_value', createdAt: 'langgraph_created_at' });

/** Options of {@link ResonantStore}. */
export interface ResonantStoreOptions {
  memory: Memory;
  /** See {@link RESONANT_STORE_DEFAULTS.prefix}. */
  prefix?: string;
  /** The text remembered (and searched) for a value; default: its string fields, one per line. */
  textOf?: (value: Record<string, unknown>) => string;
  /** See {@link RESONANT_STORE_DEFAULTS.reinforce}. */
  reinforce?: boolean;
}

const optionsSchema = z
  .object({
    memory: z.custom<Memory>((value) => typeof value === 'object' && value !== null && 'recall' in value && 'list' in value, 'must be a Resonant Memory'),
    prefix: z.string().regex(/^[^/]*$/, 'prefix must not contain "/"').optional(),
    textOf: z.custom<(value: Record<string, unknown>) => string>((value) => typeof value === 'function').optional(),
    reinforce: z.boolean().optional(),
  })
  .strict();

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(stringsOf) : [];

const defaultTextOf = (value: Record<string, unknown>) => stringsOf(value).join('\n').trim() || JSON.stringify(value);

const textAtPaths = (value: Record<string, unknown>, paths: readonly string[]) =>
  paths.flatMap((path) => stringsOf(path.split('.').reduce<unknown>((node, field) => (node as Record<string, unknown> | undefined)?.[field], value))).join('\n');

/**
 * A LangGraph `BaseStore` over Resonant memory, for `graph.compile({ store })`. Each LangGraph
 * namespace is a Resonant namespace (see `toResonantNamespace`); each item is one memory whose text
 * is what search matches and whose metadata holds the key, the value and the first creation time
 * ({@link LANGGRAPH_ITEM_FIELDS}). Search with a `query` is a Resonant recall (ranked, reinforcing);
 * without one it lists, most recently updated first. Memories written by other Resonant tools in the
 * same namespace appear as items keyed `m:<id>` with value `{ text, kind }`.
 *
 * Operations of one store run one at a time, in order. A put replaces by writing the new version
 * before deleting the old, so a reader never misses the key; if two processes put the same key at
 * once, both versions may survive until the next put, and reads return the newest.
 */
export class ResonantStore extends BaseStore {
  private readonly memory: Memory;
  private readonly prefix: string;
  private readonly textOf: (value: Record<string, unknown>) => string;
  private readonly reinforce: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ResonantStoreOptions) {
    super();
    const parsed = parseOptions(optionsSchema, options, 'ResonantStore options');
    this.memory = parsed.memory;
    this.prefix = parsed.prefix ?? RESONANT_STORE_DEFAULTS.prefix;
    this.textOf = parsed.textOf ?? defaultTextOf;
    this.reinforce = parsed.reinforce ?? RESONANT_STORE_DEFAULTS.reinforce;
  }

  batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const run = this.queue.then(async () => {
      const results: unknown[] = [];
      for (const operation of operations) results.push(await this.runOperation(operation));
      return results as OperationResults<Op>;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runOperation(operation: Operation): Promise<unknown> {
    if ('namespacePrefix' in operation) return this.searchOperation(operation);
    if ('value' in operation) return this.putOperation(operation);
    if ('key' in operation) return this.getOperation(operation);
    return this.listNamespacesOperation(operation);
  }

  private async versions(namespace: string, key: string): Promise<MemoryRecord[]> {
    const page = await this.memory.list({ namespace, limit: 1000, filter: { metadata: { [LANGGRAPH_ITEM_FIELDS.key]: key }, includeArchived: true } });
    return page.records;
  }

  private async getOperation({ namespace, key }: GetOperation): Promise<Item | null> {
    const resonantNamespace = toResonantNamespace(namespace, this.prefix);
    const latest = (await this.versions(resonantNamespace, key)).at(-1);
    if (latest) return itemOf(latest, namespace);
    const record = key.startsWith('m:') ? await this.memory.get(key.slice(2)) : null;
    return record?.namespace === resonantNamespace ? itemOf(record, namespace) : null;
  }

  private async putOperation({ namespace, key, value, index }: PutOperation): Promise<void> {
    if (namespace.length === 0 || namespace.some((label) => label.length === 0)) throw new InvalidInputError(`LangGraph namespace ${JSON.stringify(namespace)} must have non-empty labels.`);
    const resonantNamespace = toResonantNamespace(namespace, this.prefix);
    const old = await this.versions(resonantNamespace, key);
    if (value !== null) {
      const json = JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
      const text = index === false ? key : index ? textAtPaths(json, index) || key : this.textOf(json);
      const metadata: Record<string, JsonValue> = { [LANGGRAPH_ITEM_FIELDS.key]: key, [LANGGRAPH_ITEM_FIELDS.value]: json };
      if (old[0]) metadata[LANGGRAPH_ITEM_FIELDS.createdAt] = itemOf(old[0], namespace).createdAt.toISOString();
      await this.memory.remember({ namespace: resonantNamespace, kind: 'fact', text, metadata });
    }
    if (old.length > 0) await this.memory.forget({ namespace: resonantNamespace, ids: old.map((record) => record.id) });
  }

  private async searchOperation({ namespacePrefix, filter, limit = 10, offset = 0, query }: SearchOperation): Promise<SearchItem[]> {
    const wanted = offset + limit;
    const found = new Map<string, SearchItem>();
    for (const labels of await this.namespacesUnder(namespacePrefix)) {
      const namespace = toResonantNamespace(labels, this.prefix);
      const scored: SearchItem[] = [];
      if (query?.trim()) {
        const hits = await this.memory.recall({ namespace, query, limit: Math.min(1000, filter ? wanted * 4 : wanted), reinforce: this.reinforce });
        scored.push(...hits.map((hit) => ({ ...itemOf(hit.memory, labels), score: hit.score })));
      } else {
        for (let after: string | null = null, first = true; first || after; first = false) {
          const page = await this.memory.list({ namespace, after, limit: 1000 });
          scored.push(...page.records.map((record) => itemOf(record, labels)));
          after = page.next;
        }
      }
      for (const item of scored) {
        const id = `${namespace}\u0000${item.key}`;
        const seen = found.get(id);
        if (matchValueFilter(item.value, filter) && (!seen || seen.updatedAt < item.updatedAt)) found.set(id, item);
      }
    }
    const items = [...found.values()];
    items.sort(query?.trim() ? (a, b) => (b.score ?? 0) - (a.score ?? 0) : (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    return items.slice(offset, wanted);
  }

  private namespacesUnder(prefix: readonly string[]): Promise<string[][]> {
    return this.listNamespacesOperation({ matchConditions: prefix.length ? [{ matchType: 'prefix', path: [...prefix] }] : [], limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  }

  private async listNamespacesOperation({ matchConditions = [], maxDepth, limit, offset }: ListNamespacesOperation): Promise<string[][]> {
    const labelLists = (await this.memory.namespaces()).map((namespace) => fromResonantNamespace(namespace, this.prefix)).filter((labels) => labels !== null);
    const matching = labelLists.filter((labels) =>
      matchConditions.every(({ matchType, path }) => {
        const start = matchType === 'prefix' ? 0 : labels.length - path.length;
        return path.length <= labels.length && path.every((label, index) => label === '*' || label === labels[start + index]);
      }),
    );
    const truncated = new Map(matching.map((labels) => labels.slice(0, maxDepth ?? labels.length)).map((labels) => [labels.join('\u0000'), labels]));
    return [...truncated.values()].sort((a, b) => a.join('/').localeCompare(b.join('/'))).slice(offset, offset + limit);
  }
}

function itemOf(record: MemoryRecord, namespace: string[]): Item {
  const { metadata } = record;
  const key = metadata[LANGGRAPH_ITEM_FIELDS.key];
  const createdAt = metadata[LANGGRAPH_ITEM_FIELDS.createdAt];
  if (typeof key !== 'string') return { namespace, key: `m:${record.id}`, value: { text: record.text, kind: record.kind }, createdAt: record.createdAt, updatedAt: record.createdAt };
  return {
    namespace,
    key,
    value: metadata[LANGGRAPH_ITEM_FIELDS.value] as Record<string, unknown>,
    createdAt: typeof createdAt === 'string' ? new Date(createdAt) : record.createdAt,
    updatedAt: record.createdAt,
  };
}

import { BaseStore, type GetOperation, type Item, type ListNamespacesOperation, type Operation, type OperationResults, type PutOperation, type SearchOperation } from '@langchain/langgraph';
import { InvalidInputError, parseInput, type JsonValue, type Memory, type MemoryRecord } from '@resonant/core';
import { z } from 'zod';
import { fromResonantNamespace, toResonantNamespace } from './langgraph-namespace.js';
import { matchValueFilter } from './match-value-filter.js';

export const RESONANT_STORE_DEFAULTS = Object.freeze({
  /** First segment of every Resonant namespace of this store; '' maps the labels alone. @default 'langgraph' */
  prefix: 'langgraph',
  /** A search with a query is a recall and reinforces what it returns. @default true */
  reinforce: true,
});

/** The metadata fields that carry a LangGraph item inside a Resonant memory. */
export const LANGGRAPH_ITEM_FIELDS = Object.freeze({ key: 'langgraph_key', value: 'langgraph_value', createdAt: 'langgraph_created_at' });

/** Options of {@link ResonantStore}. */
export interface ResonantStoreOptions {
  memory: Memory;
  /** See {@link RESONANT_STORE_DEFAULTS}. */
  prefix?: string;
  /** Dotted paths of the value fields remembered and searched (a put's `index` overrides); default: every string field. */
  fields?: string[];
  /** See {@link RESONANT_STORE_DEFAULTS}. */
  reinforce?: boolean;
}

const optionsSchema = z
  .object({
    memory: z.custom<Memory>((value) => typeof value === 'object' && value !== null && 'recall' in value && 'list' in value, 'must be a Resonant Memory'),
    prefix: z.string().regex(/^[^/]*$/, 'prefix must not contain "/"').default(RESONANT_STORE_DEFAULTS.prefix),
    fields: z.array(z.string().min(1)).optional(),
    reinforce: z.boolean().default(RESONANT_STORE_DEFAULTS.reinforce),
  })
  .strict();

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(stringsOf) : [];
const fieldAt = (value: unknown, path: string) => path.split('.').reduce((node, field) => (node as Record<string, unknown> | undefined)?.[field], value);
const textOf = (value: Record<string, JsonValue>, fields: readonly string[] | undefined) =>
  (fields ? fields.flatMap((path) => stringsOf(fieldAt(value, path))) : stringsOf(value)).join('\n').trim() || JSON.stringify(value);

/**
 * A LangGraph `BaseStore` over Resonant memory, for `graph.compile({ store })`. A LangGraph namespace
 * is a Resonant namespace (`toResonantNamespace`); an item is one memory whose text is its value's
 * string fields and whose metadata holds key, value and first creation time ({@link LANGGRAPH_ITEM_FIELDS}).
 * Search with a `query` is a Resonant recall (ranked, reinforcing); without one it lists, most
 * recently updated first. Other memories of the namespace show as items keyed `m:<id>`, value `{ text, kind }`.
 *
 * One store runs its operations one at a time, in order. A put writes the new version before deleting
 * the old, so readers never miss the key; if two processes put one key at once, both versions may
 * survive until the next put, and reads return the newer.
 */
export class ResonantStore extends BaseStore {
  private readonly options: z.output<typeof optionsSchema>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ResonantStoreOptions) {
    super();
    this.options = parseInput(optionsSchema, options, 'ResonantStore options');
  }

  batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const run = this.queue.then(async () => {
      const results: unknown[] = [];
      for (const operation of operations) {
        if ('namespacePrefix' in operation) results.push(await this.findItems(operation));
        else if ('value' in operation) results.push(await this.writeItem(operation));
        else if ('key' in operation) results.push(await this.readItem(operation));
        else results.push(await this.findNamespaces(operation));
      }
      return results as OperationResults<Op>;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async versions(namespace: string, key: string): Promise<MemoryRecord[]> {
    const filter = { metadata: { [LANGGRAPH_ITEM_FIELDS.key]: key }, includeArchived: true };
    return (await this.options.memory.list({ namespace, limit: 1000, filter })).records;
  }

  private async readItem({ namespace, key }: GetOperation): Promise<Item | null> {
    const resonantNamespace = toResonantNamespace(namespace, this.options.prefix);
    const latest = (await this.versions(resonantNamespace, key)).at(-1);
    const record = latest ?? (key.startsWith('m:') ? await this.options.memory.get(key.slice(2)) : null);
    return record?.namespace === resonantNamespace ? itemOf(record, namespace) : null;
  }

  private async writeItem({ namespace, key, value, index }: PutOperation): Promise<void> {
    if (namespace.length === 0 || namespace.some((label) => !label)) throw new InvalidInputError(`LangGraph namespace ${JSON.stringify(namespace)} needs non-empty labels.`);
    const resonantNamespace = toResonantNamespace(namespace, this.options.prefix);
    const old = await this.versions(resonantNamespace, key);
    if (value !== null) {
      const json = JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
      const metadata: Record<string, JsonValue> = { [LANGGRAPH_ITEM_FIELDS.key]: key, [LANGGRAPH_ITEM_FIELDS.value]: json };
      if (old[0]) metadata[LANGGRAPH_ITEM_FIELDS.createdAt] = itemOf(old[0], namespace).createdAt.toISOString();
      const text = index === false ? key : textOf(json, index ?? this.options.fields);
      await this.options.memory.remember({ namespace: resonantNamespace, kind: 'fact', text, metadata });
    }
    if (old.length > 0) await this.options.memory.forget({ namespace: resonantNamespace, ids: old.map((record) => record.id) });
  }

  private async findItems({ namespacePrefix, filter, limit = 10, offset = 0, query }: SearchOperation): Promise<Item[]> {
    const { memory, prefix, reinforce } = this.options;
    const found = new Map<string, Item & { score?: number }>();
    const ranked = Boolean(query?.trim());
    const namespaces = await this.findNamespaces({ matchConditions: [{ matchType: 'prefix', path: namespacePrefix }], limit: Infinity, offset: 0 });
    for (const labels of namespaces) {
      const namespace = toResonantNamespace(labels, prefix);
      const items: (Item & { score?: number })[] = [];
      if (ranked) {
        const hits = await memory.recall({ namespace, query: query!, limit: Math.min(1000, (offset + limit) * (filter ? 4 : 1)), reinforce });
        items.push(...hits.map((hit) => ({ ...itemOf(hit.memory, labels), score: hit.score })));
      } else {
        for (let after: string | null | undefined; after !== null; ) {
          const page = await memory.list({ namespace, after, limit: 1000 });
          items.push(...page.records.map((record) => itemOf(record, labels)));
          after = page.next;
        }
      }
      for (const item of items) {
        const id = `${namespace}\u0000${item.key}`;
        const seen = found.get(id);
        if (matchValueFilter(item.value, filter) && (!seen || seen.updatedAt < item.updatedAt)) found.set(id, item);
      }
    }
    const order = ranked ? (a: { score?: number }, b: { score?: number }) => b.score! - a.score! : (a: Item, b: Item) => b.updatedAt.getTime() - a.updatedAt.getTime();
    return [...found.values()].sort(order).slice(offset, offset + limit);
  }

  private async findNamespaces({ matchConditions = [], maxDepth, limit, offset }: ListNamespacesOperation): Promise<string[][]> {
    const all = (await this.options.memory.namespaces()).map((namespace) => fromResonantNamespace(namespace, this.options.prefix)).filter((labels) => labels !== null);
    const matches = ({ matchType, path }: { matchType: string; path: string[] }, labels: string[]) => {
      const start = matchType === 'prefix' ? 0 : labels.length - path.length;
      return path.length <= labels.length && path.every((label, index) => label === '*' || label === labels[start + index]);
    };
    const kept = all.filter((labels) => matchConditions.every((condition) => matches(condition, labels))).map((labels) => labels.slice(0, maxDepth));
    const unique = new Map(kept.map((labels) => [labels.join('\u0000'), labels]));
    return [...unique.values()].sort((a, b) => a.join('/').localeCompare(b.join('/'))).slice(offset, offset + limit);
  }
}

/** The LangGraph item a memory stands for; a memory written by other tools is keyed `m:<id>`. */
function itemOf(record: MemoryRecord, namespace: string[]): Item {
  const { [LANGGRAPH_ITEM_FIELDS.key]: key, [LANGGRAPH_ITEM_FIELDS.value]: value, [LANGGRAPH_ITEM_FIELDS.createdAt]: createdAt } = record.metadata;
  if (typeof key !== 'string') return { namespace, key: `m:${record.id}`, value: { text: record.text, kind: record.kind }, createdAt: record.createdAt, updatedAt: record.createdAt };
  const firstCreated = typeof createdAt === 'string' ? new Date(createdAt) : record.createdAt;
  return { namespace, key, value: value as Record<string, unknown>, createdAt: firstCreated, updatedAt: record.createdAt };
}

import { BaseStore, type Operation, type OperationResults } from '@langchain/langgraph';
import type { Memory } from '@resonant/core';
import { createKeyedItems, KEYED_ITEMS_DEFAULTS, type KeyedItems } from '@resonant/core/adapters';

/** What `ResonantStore` uses when an option is left out. */
export const RESONANT_STORE_DEFAULTS = Object.freeze({
  /** First segment of every Resonant namespace of this store; '' maps the labels alone. @default 'langgraph' */
  prefix: 'langgraph',
  /** A search with a query is a recall and reinforces what it returns. @default true */
  reinforce: KEYED_ITEMS_DEFAULTS.reinforce,
});

/** The metadata fields that carry a LangGraph item inside a Resonant memory. */
export const LANGGRAPH_ITEM_FIELDS = Object.freeze({
  key: 'langgraph_key',
  value: 'langgraph_value',
  createdAt: 'langgraph_created_at',
});

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

/**
 * A LangGraph `BaseStore` over Resonant memory, for `graph.compile({ store })`: each operation is one
 * call of core's keyed items (`createKeyedItems`), which hold the rules. A LangGraph namespace is a
 * Resonant namespace (`toResonantNamespace`); an item is one memory whose text is its value's
 * string fields and whose metadata holds key, value and first creation time ({@link LANGGRAPH_ITEM_FIELDS}).
 * Search with a `query` is a Resonant recall (ranked, reinforcing); without one it lists, most
 * recently updated first. Other memories of the namespace show as items keyed `m:<id>`, value `{ text, kind }`.
 *
 * One store runs its operations one at a time, in order. A put writes the new version before deleting
 * the old, so readers never miss the key; if two processes put one key at once, both versions may
 * survive until the next put, and reads return the newer.
 */
export class ResonantStore extends BaseStore {
  private readonly items: KeyedItems;
  private queue: Promise<unknown> = Promise.resolve();

  constructor({ prefix = RESONANT_STORE_DEFAULTS.prefix, ...options }: ResonantStoreOptions) {
    super();
    this.items = createKeyedItems({ ...options, prefix, metadataKeys: LANGGRAPH_ITEM_FIELDS });
  }

  batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const run = this.queue.then(async () => {
      const results: unknown[] = [];
      for (const operation of operations) results.push(await this.perform(operation));
      return results as OperationResults<Op>;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private perform(operation: Operation): Promise<unknown> {
    if ('namespacePrefix' in operation) return this.items.search(operation);
    if ('value' in operation) {
      const { namespace, key, value, index } = operation;
      return value === null
        ? this.items.delete({ namespace, key })
        : this.items.put({ namespace, key, value, fields: index });
    }
    if ('key' in operation) return this.items.get(operation);
    return this.items.namespaces(operation);
  }
}

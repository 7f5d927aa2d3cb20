import { z } from 'zod';
import type { Memory } from '../memory/memory.js';
import { parseInput } from '../errors/parse-input.js';
import type { JsonValue } from '../records/json-value.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { toKeyedItem, type ItemMetadataKeys, type KeyedItem } from './keyed-item.js';
import { matchValueFilter } from './match-value-filter.js';
import {
  joinNamespacePath,
  matchesNamespacePath,
  splitNamespacePath,
  type NamespacePathCondition,
} from './namespace-path.js';
import { searchableText } from './searchable-text.js';

/** What `createKeyedItems` and its calls use when an option is left out. */
export const KEYED_ITEMS_DEFAULTS = Object.freeze({
  /** First segment of every namespace the items live in; '' maps the labels alone. @default '' */
  prefix: '',
  /** A search with a query is a recall and reinforces what it returns. @default true */
  reinforce: true,
  /** The metadata keys that carry an item inside its memory. @default { key: 'item_key', value: 'item_value', createdAt: 'item_created_at' } */
  metadataKeys: Object.freeze({ key: 'item_key', value: 'item_value', createdAt: 'item_created_at' }),
  /** Items a search returns. @default 10 */
  searchLimit: 10,
  /** Namespace paths `namespaces` returns. @default 100 */
  namespacesLimit: 100,
});

/** Versions of one key read per put or get; more than one exists only while concurrent puts of the key settle. */
const MAX_VERSIONS = 1000;
/** Recall returns at most this many memories per namespace and search. */
const MAX_RECALLED = 1000;
/** A filtered search recalls this many times the items asked for, since the filter drops some. */
const FILTERED_OVERFETCH = 4;

const memorySchema = z.custom<Memory>(
  (value) => typeof value === 'object' && value !== null && 'recall' in value && 'list' in value,
  'must be a Resonant Memory',
);
const optionsSchema = z
  .object({
    memory: memorySchema,
    prefix: z
      .string()
      .regex(/^[^/]*$/, 'prefix must not contain "/"')
      .default(KEYED_ITEMS_DEFAULTS.prefix),
    fields: z.array(z.string().min(1)).optional(),
    reinforce: z.boolean().default(KEYED_ITEMS_DEFAULTS.reinforce),
    metadataKeys: z
      .object({ key: z.string().min(1), value: z.string().min(1), createdAt: z.string().min(1) })
      .strict()
      .default(KEYED_ITEMS_DEFAULTS.metadataKeys),
  })
  .strict();

const pathSchema = z.array(z.string());
const itemKeySchema = z.object({ namespace: pathSchema, key: z.string() });
const putSchema = itemKeySchema.extend({
  namespace: z
    .array(z.string().min(1, 'namespace labels must not be empty'))
    .min(1, 'namespace path needs at least one label'),
  value: z.record(z.string(), z.unknown()),
  fields: z.union([z.array(z.string().min(1)), z.literal(false)]).optional(),
});
const searchSchema = z.object({
  namespacePrefix: pathSchema.default([]),
  query: z.string().optional(),
  filter: z.record(z.string(), z.unknown()).optional(),
  limit: z.number().int().min(0).default(KEYED_ITEMS_DEFAULTS.searchLimit),
  offset: z.number().int().min(0).default(0),
});
const namespacesSchema = z.object({
  matchConditions: z.array(z.object({ matchType: z.enum(['prefix', 'suffix']), path: pathSchema })).default([]),
  maxDepth: z.number().int().min(1).optional(),
  limit: z.number().int().min(0).default(KEYED_ITEMS_DEFAULTS.namespacesLimit),
  offset: z.number().int().min(0).default(0),
});

/** Options of {@link createKeyedItems}. */
export interface KeyedItemsOptions {
  memory: Memory;
  /** See {@link KEYED_ITEMS_DEFAULTS}; must not contain `/`. */
  prefix?: string;
  /** Dotted paths of the value fields an item is found by (a put's `fields` overrides); default: every string field. */
  fields?: string[];
  /** See {@link KEYED_ITEMS_DEFAULTS}. */
  reinforce?: boolean;
  /** See {@link KEYED_ITEMS_DEFAULTS}. */
  metadataKeys?: ItemMetadataKeys;
}

/** Which item: its namespace path and key. */
export type ItemKey = z.input<typeof itemKeySchema>;
/** What {@link KeyedItems.put} accepts: `fields` picks the text the item is found by; `false` makes it the key alone. */
export type PutItemOptions = z.input<typeof putSchema>;
/** What {@link KeyedItems.search} accepts: the items under `namespacePrefix` (`*` matches any label). */
export type SearchItemsOptions = z.input<typeof searchSchema>;
/** What {@link KeyedItems.namespaces} accepts: paths meeting every condition, cut to `maxDepth` labels. */
export type ListItemNamespacesOptions = z.input<typeof namespacesSchema>;

/** A key-value view over memory; see {@link createKeyedItems}. */
export interface KeyedItems {
  /** The item's latest version; a key `m:<id>` also finds a memory of that namespace that carries no item. Null when neither exists. */
  get(options: ItemKey): Promise<KeyedItem | null>;
  /** Remembers the new version of the item, then forgets the older ones; the first creation time is kept. */
  put(options: PutItemOptions): Promise<void>;
  /** Forgets every version of the item. */
  delete(options: ItemKey): Promise<void>;
  /** With a query, recall in every namespace under the path, best first; without, every item there, most recently put first. Filtered on the value, then paged. */
  search(options: SearchItemsOptions): Promise<KeyedItem[]>;
  /** The namespace paths under the prefix, sorted, deduplicated after the `maxDepth` cut, paged. */
  namespaces(options?: ListItemNamespacesOptions): Promise<string[][]>;
}

/**
 * Keyed items (a document store) over Resonant memory, the rule set behind framework stores such as
 * LangGraph's: an item is one `fact` memory whose text is its value's strings ({@link searchableText})
 * and whose metadata holds key, value and first creation time; its namespace is a namespace path
 * ({@link joinNamespacePath}). Memories of the namespace written by other tools show as items keyed
 * `m:<id>`. A put writes the new version before forgetting the old, so readers never miss the key;
 * two puts of one key at once may both survive until the next put, and reads return the newer.
 */
export function createKeyedItems(options: KeyedItemsOptions): KeyedItems {
  const { memory, prefix, fields, reinforce, metadataKeys } = parseInput(optionsSchema, options, 'keyed items options');

  const versions = async (namespace: string, key: string): Promise<MemoryRecord[]> =>
    (
      await memory.list({
        namespace,
        limit: MAX_VERSIONS,
        filter: { metadata: { [metadataKeys.key]: key }, includeArchived: true },
      })
    ).records;

  const forgetAll = async (namespace: string, records: readonly MemoryRecord[]) => {
    if (records.length > 0) await memory.forget({ namespace, ids: records.map((record) => record.id) });
  };

  /** The namespaces under the prefix whose paths meet every condition, in path order. */
  async function pathsMeeting(
    conditions: readonly NamespacePathCondition[],
  ): Promise<{ namespace: string; path: string[] }[]> {
    const found: { namespace: string; path: string[] }[] = [];
    for (const namespace of await memory.namespaces()) {
      const path = splitNamespacePath(namespace, prefix);
      if (path && conditions.every((condition) => matchesNamespacePath(path, condition)))
        found.push({ namespace, path });
    }
    return found.sort((a, b) => byPath(a.path, b.path));
  }

  async function listAll(namespace: string): Promise<MemoryRecord[]> {
    const records: MemoryRecord[] = [];
    for (let after: string | null | undefined; after !== null; ) {
      const page = await memory.list({ namespace, after, limit: MAX_VERSIONS });
      records.push(...page.records);
      after = page.next;
    }
    return records;
  }

  return {
    async get(options) {
      const { namespace: path, key } = parseInput(itemKeySchema, options, 'item key');
      const namespace = joinNamespacePath(path, prefix);
      const record =
        (await versions(namespace, key)).at(-1) ?? (key.startsWith('m:') ? await memory.get(key.slice(2)) : null);
      return record?.namespace === namespace ? toKeyedItem(record, path, metadataKeys) : null;
    },

    async put(options) {
      const { namespace: path, key, value, fields: textFields } = parseInput(putSchema, options, 'item');
      const namespace = joinNamespacePath(path, prefix);
      const old = await versions(namespace, key);
      const json = JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
      const metadata: Record<string, JsonValue> = { [metadataKeys.key]: key, [metadataKeys.value]: json };
      if (old[0]) metadata[metadataKeys.createdAt] = toKeyedItem(old[0], path, metadataKeys).createdAt.toISOString();
      const text = textFields === false ? key : searchableText(json, textFields ?? fields);
      // Never merged into a look-alike: the item's key and value live in this memory's metadata.
      await memory.remember({ namespace, kind: 'fact', text, metadata, dedupe: false });
      await forgetAll(namespace, old);
    },

    async delete(options) {
      const { namespace: path, key } = parseInput(itemKeySchema, options, 'item key');
      const namespace = joinNamespacePath(path, prefix);
      await forgetAll(namespace, await versions(namespace, key));
    },

    async search(options) {
      const { namespacePrefix, query, filter, limit, offset } = parseInput(
        searchSchema,
        options,
        'item search options',
      );
      const ranked = Boolean(query?.trim());
      const recallLimit = Math.min(MAX_RECALLED, Math.max(1, (offset + limit) * (filter ? FILTERED_OVERFETCH : 1)));
      // One item per namespace and key: its newest version.
      const newest = new Map<string, KeyedItem>();
      for (const { namespace, path } of await pathsMeeting([{ matchType: 'prefix', path: namespacePrefix }])) {
        const items = ranked
          ? (await memory.recall({ namespace, query: query!, limit: recallLimit, reinforce })).map((hit) => ({
              ...toKeyedItem(hit.memory, path, metadataKeys),
              score: hit.score,
            }))
          : (await listAll(namespace)).map((record) => toKeyedItem(record, path, metadataKeys));
        for (const item of items) {
          const id = `${namespace}\u0000${item.key}`;
          const seen = newest.get(id);
          if (!seen || seen.updatedAt < item.updatedAt) newest.set(id, item);
        }
      }
      const order = ranked
        ? (a: KeyedItem, b: KeyedItem) => b.score! - a.score!
        : (a: KeyedItem, b: KeyedItem) => b.updatedAt.getTime() - a.updatedAt.getTime();
      // The filter judges each key's newest version, never an older one still settling.
      const matching = [...newest.values()].filter((item) => matchValueFilter(item.value, filter));
      return matching.sort(order).slice(offset, offset + limit);
    },

    async namespaces(options = {}) {
      const { matchConditions, maxDepth, limit, offset } = parseInput(
        namespacesSchema,
        options,
        'namespace listing options',
      );
      const unique = new Map<string, string[]>();
      for (const { path } of await pathsMeeting(matchConditions)) {
        const cut = path.slice(0, maxDepth);
        unique.set(cut.join('\u0000'), cut);
      }
      return [...unique.values()].sort(byPath).slice(offset, offset + limit);
    },
  };
}

const byPath = (a: readonly string[], b: readonly string[]) => a.join('/').localeCompare(b.join('/'));

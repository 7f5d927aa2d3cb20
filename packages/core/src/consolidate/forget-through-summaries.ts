import type { Summarizer } from '../compress/summarizer.js';
import type { Embedder } from '../embed/embedder.js';
import { isWriteConflict, WriteConflictError } from '../errors/write-conflict-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { GraphChange, MemoryGraph, MemoryLink, MemoryStore, StoredMemory } from '../store/memory-store.js';
import type { TokenCounter } from '../text/token-counter.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from '../embed/embed-texts.js';
import { calendarPeriod, type ConsolidationLevel } from './consolidation-period.js';
import { CONSOLIDATION_DEFAULTS } from './consolidation-settings.js';
import { planMentionLinks } from '../entities/plan-mention-links.js';
import { byCreation, recordedConsolidation, summarizeTask, type SummaryTask } from './summarize-task.js';

/** What to forget and what rewriting the summaries above it needs. */
export interface ForgetRequest {
  readonly namespace: string;
  readonly ids: readonly string[];
  readonly now: Date;
  readonly embedder: Embedder;
  /** The summarizer and token counter that rewrite summaries; asked for only when there is one to rewrite. */
  readonly composer: () => { readonly summarize: Summarizer; readonly tokenCounter: TokenCounter };
}

/** What forgetting changed. */
export interface ForgetOutcome {
  /** Requested ids that existed in the namespace and are now gone, in the order asked. */
  readonly forgotten: string[];
  /** Summaries above them, recomposed from their remaining children. */
  readonly summariesRewritten: string[];
  /** Summaries above them left with no children, deleted. */
  readonly summariesRemoved: string[];
}

/** Plans started over when another writer changed the chain between the read and the write. */
const MAX_ATTEMPTS = 5;

/**
 * Forgets memories and everything consolidation derived from them. Every summary above a
 * forgotten memory, up the whole chain, is recomposed from its remaining children (archived ones
 * included) by the rule consolidation writes summaries with (`summarizeTask`), and deleted when no
 * child remains; rewritten summaries get new vectors and mention links, and entities nothing
 * mentions any more are pruned.
 *
 * Reads and summarizer calls come first, outside any transaction; then one transaction deletes the
 * memories and writes every rewrite, expecting the chain and the texts it read. A crash leaves
 * either all of it or none of it. When another writer (a consolidation adding a parent, another
 * forget in the same chain) changed what was read, nothing is written and the plan starts over.
 */
export async function forgetThroughSummaries(
  store: MemoryStore,
  graph: MemoryGraph,
  request: ForgetRequest,
): Promise<ForgetOutcome> {
  for (let attempt = 1; ; attempt++) {
    const chain = await readChain(store, graph, request);
    const { change, outcome } = await planChange(graph, chain, request);
    try {
      if (outcome.forgotten.length > 0) await graph.write(request.namespace, change);
      return outcome;
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (attempt >= MAX_ATTEMPTS)
        throw new WriteConflictError(
          `forget met ${MAX_ATTEMPTS} concurrent changes to the summaries above ${request.ids.length} memories; nothing was forgotten. Try again.`,
        );
    }
  }
}

/** The forgotten memories, every summary above them and those summaries' children, as read now. */
interface SummaryChain {
  readonly targets: readonly MemoryRecord[];
  /** Summaries above the targets, children before parents. */
  readonly ancestors: readonly MemoryRecord[];
  readonly childrenOf: ReadonlyMap<string, readonly string[]>;
  /** Ancestors and their children, by id. */
  readonly records: ReadonlyMap<string, MemoryRecord>;
  /** Targets and ancestors: the ids whose child links the write expects unchanged. */
  readonly around: readonly string[];
  readonly childLinks: readonly MemoryLink[];
}

async function readChain(store: MemoryStore, graph: MemoryGraph, request: ForgetRequest): Promise<SummaryChain> {
  const { namespace } = request;
  const targets = (await store.get([...new Set(request.ids)])).filter((record) => record.namespace === namespace);
  const targetIds = new Set(targets.map((record) => record.id));
  const around = new Set(targetIds);
  const childLinks: MemoryLink[] = [];
  let frontier = [...around];
  while (frontier.length > 0) {
    const parents = await graph.links(namespace, { ids: frontier, direction: 'in', type: 'child' });
    childLinks.push(...parents);
    frontier = [...new Set(parents.map((link) => link.from))].filter((id) => !around.has(id));
    for (const id of frontier) around.add(id);
  }
  const ancestorIds = new Set([...around].filter((id) => !targetIds.has(id)));
  const out = await graph.links(namespace, { ids: [...around], direction: 'out', type: 'child' });
  childLinks.push(...out);
  const childrenOf = new Map<string, string[]>();
  for (const link of out)
    if (ancestorIds.has(link.from)) childrenOf.set(link.from, [...(childrenOf.get(link.from) ?? []), link.to]);
  const wanted = [...new Set([...ancestorIds, ...[...childrenOf.values()].flat()])];
  const records = new Map(
    (await store.get(wanted)).filter((record) => record.namespace === namespace).map((record) => [record.id, record]),
  );
  // Children before parents, whatever their levels say.
  const ordered: MemoryRecord[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const child of childrenOf.get(id) ?? []) if (ancestorIds.has(child)) visit(child);
    const record = records.get(id);
    if (record) ordered.push(record);
  };
  for (const id of ancestorIds) visit(id);
  const unique = new Map(childLinks.map((link) => [`${link.from}\n${link.to}`, link]));
  return { targets, ancestors: ordered, childrenOf, records, around: [...around], childLinks: [...unique.values()] };
}

/** Recomposes the chain bottom-up (summarizer and embedder calls, no transaction) into one graph change. */
async function planChange(
  graph: MemoryGraph,
  chain: SummaryChain,
  request: ForgetRequest,
): Promise<{ change: GraphChange; outcome: ForgetOutcome }> {
  const { namespace } = request;
  const removed = new Set(chain.targets.map((record) => record.id));
  const rewritten = new Map<string, MemoryRecord>();
  let composer: ReturnType<ForgetRequest['composer']> | undefined;
  for (const summary of chain.ancestors) {
    const children = (chain.childrenOf.get(summary.id) ?? [])
      .filter((id) => !removed.has(id))
      .flatMap((id) => rewritten.get(id) ?? chain.records.get(id) ?? [])
      .sort(byCreation);
    if (children.length === 0) {
      removed.add(summary.id);
      continue;
    }
    composer ??= request.composer();
    rewritten.set(summary.id, await rewriteSummary(summary, children, { ...composer, namespace, now: request.now }));
  }
  const records = [...rewritten.values()];
  const vectors = await embedTexts(
    request.embedder,
    records.map((record) => record.text),
  );
  const replace = records.map(
    (record, index): StoredMemory => ({ record, vector: vectors[index]!, terms: tokenizeForSearch(record.text) }),
  );
  const mentions = await planMentionLinks(graph, namespace, records);
  const mentioned = await graph.links(namespace, {
    ids: [...removed, ...rewritten.keys()],
    direction: 'out',
    type: 'mentions',
  });
  const read = [...chain.targets, ...chain.records.values()];
  const change: GraphChange = {
    expect: {
      memories: [
        ...new Map(
          read.map((record) => [record.id, { id: record.id, text: record.text, summary: record.summary }]),
        ).values(),
      ],
      childLinks: { around: chain.around, links: chain.childLinks },
    },
    delete: [...removed],
    replace,
    entities: mentions.entities,
    unlink: { from: [...rewritten.keys()], type: 'mentions' },
    link: mentions.links,
    pruneEntities: [...new Set(mentioned.map((link) => link.to))],
  };
  const targetIds = new Set(chain.targets.map((record) => record.id));
  const forgotten = [...new Set(request.ids)].filter((id) => targetIds.has(id));
  return {
    change,
    outcome: {
      forgotten,
      summariesRewritten: [...rewritten.keys()],
      summariesRemoved: [...removed].filter((id) => !targetIds.has(id)),
    },
  };
}

/**
 * A summary recomposed from its remaining children: same id, level, archive state, access history
 * and learned utility; text, creation time, other signals and metadata drawn from the children as consolidation
 * draws them, with the budget and day start recorded in its metadata (defaults for summaries that
 * predate the record). A session's span shrinks to its remaining children; a day, week or month keeps its period.
 */
async function rewriteSummary(
  summary: MemoryRecord,
  children: readonly MemoryRecord[],
  writing: {
    readonly namespace: string;
    readonly now: Date;
    readonly summarize: Summarizer;
    readonly tokenCounter: TokenCounter;
  },
): Promise<MemoryRecord> {
  const recorded = recordedConsolidation(summary);
  const level = (
    summary.level !== null && summary.level >= 0 && summary.level <= 3 ? summary.level : 0
  ) as ConsolidationLevel;
  const utcOffsetMinutes = recorded.utcOffsetMinutes ?? CONSOLIDATION_DEFAULTS.utcOffsetMinutes;
  const first = children[0]!.createdAt;
  const { period, start, end } = recorded;
  const task: SummaryTask =
    level === 0
      ? { level, children, start: first, end: children.at(-1)!.createdAt, key: first.toISOString() }
      : period !== undefined && start !== undefined && end !== undefined
        ? { level, children, start, end, key: period }
        : { level, children, ...calendarPeriod(level, first, utcOffsetMinutes) };
  const budgetChars = CONSOLIDATION_DEFAULTS.budgetChars.map((chars, index) =>
    index === level ? (recorded.budgetChars ?? chars) : chars,
  );
  const record = await summarizeTask(task, {
    ...writing,
    settings: { ...CONSOLIDATION_DEFAULTS, budgetChars, utcOffsetMinutes },
  });
  return {
    ...record,
    id: summary.id,
    // What feedback taught the summary stays: its usefulness is its own, not its children's.
    utility: summary.utility,
    lastAccessedAt: summary.lastAccessedAt,
    accessCount: summary.accessCount,
    archivedAt: summary.archivedAt,
    metadata: { ...summary.metadata, consolidation: record.metadata.consolidation! },
  };
}

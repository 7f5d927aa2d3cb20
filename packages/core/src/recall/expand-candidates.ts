import { extractEntities } from '../entities/extract-entities.js';
import { knownEntities, resolveEntity } from '../entities/plan-mention-links.js';
import { matchesFilter } from '../store/matches-filter.js';
import type { EntityNode, MemoryFilter, MemoryGraph, MemoryStore } from '../store/memory-store.js';
import type { CoarseCandidate } from './coarse-candidate.js';
import { INTENT_LINK_PREFERENCES, routeIntent, type RecallIntent } from './route-intent.js';

/**
 * Recall expansion along links, after the coarse stage and before the fine ranking. Each hop
 * multiplies the relevance it passes on by `decay`, by the intent's preference for the link kind
 * and, for entity links, by the entity's specificity `1 / sqrt(mentions - 1)` (capped at 1): an
 * entity two memories share says more than one that a hundred mention.
 */
export const EXPANSION_DEFAULTS = Object.freeze({
  /** Hops along links from the coarse hits when expansion is asked for (`expand: {}`); 0 turns it off, at most 2. @default 1 */
  hops: 1,
  /** Share of relevance passed on per hop. @default 0.7 */
  decay: 0.7,
  /** A candidate that mentions an entity named in the query has its relevance raised by this share (times the intent's entity preference). @default 0.3 */
  queryEntityBoost: 0.3,
  /** Best coarse candidates the expansion starts from. @default 10 */
  seeds: 10,
  /** Entities mentioned by more memories than this are hubs and are not followed. @default 50 */
  maxEntityMentions: 50,
  /** Memories reached per hop that go on to the next hop (best first). @default 20 */
  frontier: 20,
});

/** How recall expands; fields left out keep {@link EXPANSION_DEFAULTS}. */
export interface ExpansionOptions {
  hops?: number;
  decay?: number;
}

/** What expansion needs besides the candidates. */
export interface ExpandRequest {
  readonly namespace: string;
  readonly query: string;
  readonly filter?: MemoryFilter;
  /** Absent: no expansion (the default of recall). */
  readonly options?: ExpansionOptions;
  /** Propagated relevance under this is dropped. */
  readonly minRelevance: number;
}

/** The candidates after expansion and what the router decided. */
export interface ExpandResult {
  readonly candidates: CoarseCandidate[];
  readonly intent: RecallIntent;
  /** Memories that expansion added to the coarse candidates. */
  readonly added: number;
}

/**
 * Adds memories linked to the best coarse candidates (temporal previous / next episodes and
 * memories sharing an entity, plus the memories of entities the query names) and raises linked
 * candidates: relevance becomes `1 - (1 - own) * (1 - propagated)`. Without the store's graph
 * capability, without `options`, or with `hops: 0`, the candidates come back unchanged.
 */
export async function expandCandidates(
  store: MemoryStore,
  candidates: readonly CoarseCandidate[],
  request: ExpandRequest,
): Promise<ExpandResult> {
  const intent = routeIntent(request.query);
  const graph = store.graph;
  if (!graph || request.options === undefined) return { candidates: [...candidates], intent, added: 0 };
  const hops = request.options.hops ?? EXPANSION_DEFAULTS.hops;
  const decay = request.options.decay ?? EXPANSION_DEFAULTS.decay;
  if (hops <= 0 || decay <= 0) return { candidates: [...candidates], intent, added: 0 };
  const preference = INTENT_LINK_PREFERENCES[intent];
  const { namespace } = request;

  const propagated = new Map<string, number>();
  /** Relevance multipliers (1 + share) for candidates that mention the query's entities. */
  const queryBoost = new Map<string, number>();
  const offer = (id: string, relevance: number) => {
    if (relevance > (propagated.get(id) ?? 0)) propagated.set(id, relevance);
  };
  // Temporal links join consecutive episodes (the turns of a conversation), never summaries or facts.
  const temporalKinds = (request.filter?.kinds ?? ['episode']).filter((kind) => kind === 'episode');
  const seeds = [...candidates].sort((a, b) => b.relevance - a.relevance).slice(0, EXPANSION_DEFAULTS.seeds);
  let frontier = new Map(seeds.map((candidate) => [candidate.record.id, candidate.relevance]));

  // The query's own entities: their memories are one hop from the query (relevance 1).
  const queryKeys = extractEntities(request.query).map((mention) => mention.key);
  if (queryKeys.length > 0) {
    const known = await knownEntities(graph, namespace, queryKeys);
    const targets = new Set(queryKeys.filter((key) => known.has(key)).map((key) => resolveEntity(known, key)));
    const mentioning = await memoriesMentioning(
      graph,
      namespace,
      [...targets].flatMap((key) => known.get(key) ?? []),
    );
    for (const [id, shared] of mentioning) offer(id, decay * preference.entity * Math.max(...shared.values()));
    // Candidates about an entity the query names rank higher, even when that entity is a hub.
    const boost = EXPANSION_DEFAULTS.queryEntityBoost * preference.entity;
    const links =
      targets.size > 0 && boost > 0
        ? await graph.links(namespace, {
            ids: candidates.map((candidate) => candidate.record.id),
            direction: 'out',
            type: 'mentions',
          })
        : [];
    for (const link of links) if (targets.has(link.to)) queryBoost.set(link.from, boost);
  }

  for (let hop = 1; hop <= hops && frontier.size > 0; hop++) {
    const reached = new Map<string, number>();
    const reach = (id: string, relevance: number) => {
      if (relevance > (reached.get(id) ?? 0)) reached.set(id, relevance);
    };
    const ids = [...frontier.keys()];
    for (const { id, before, after } of temporalKinds.length === 0
      ? []
      : await graph.adjacent(namespace, ids, { radius: 1, filter: { ...request.filter, kinds: temporalKinds } })) {
      const from = frontier.get(id) ?? 0;
      for (const neighbour of before) reach(neighbour, from * decay * preference.previous);
      for (const neighbour of after) reach(neighbour, from * decay * preference.next);
    }
    const mentions = await graph.links(namespace, { ids, direction: 'out', type: 'mentions' });
    const entities = await graph.entities(namespace, [...new Set(mentions.map((link) => link.to))]);
    // The best frontier memory sharing an entity passes its relevance on, scaled by that entity's specificity.
    // A memory never passes relevance to itself, so each entity keeps its two best sources.
    const sources = new Map<string, { id: string; relevance: number }[]>();
    for (const link of mentions) {
      const best = [...(sources.get(link.to) ?? []), { id: link.from, relevance: frontier.get(link.from) ?? 0 }];
      sources.set(link.to, best.sort((a, b) => b.relevance - a.relevance).slice(0, 2));
    }
    for (const [id, shared] of await memoriesMentioning(graph, namespace, entities)) {
      let from = 0;
      for (const [key, specificity] of shared)
        from = Math.max(from, (sources.get(key)?.find((source) => source.id !== id)?.relevance ?? 0) * specificity);
      reach(id, from * decay * preference.entity);
    }
    for (const [id, relevance] of reached) offer(id, relevance);
    frontier = new Map(
      [...reached]
        .filter(([id]) => !frontier.has(id))
        .sort((a, b) => b[1] - a[1])
        .slice(0, EXPANSION_DEFAULTS.frontier),
    );
  }

  const byId = new Map(candidates.map((candidate) => [candidate.record.id, candidate]));
  const newIds = [...propagated]
    .filter(([id, relevance]) => !byId.has(id) && relevance >= request.minRelevance)
    .map(([id]) => id);
  const records = (await store.get(newIds)).filter(
    (record) => record.namespace === namespace && matchesFilter(record, request.filter),
  );
  const expanded = candidates.map((candidate): CoarseCandidate => {
    const boost = propagated.get(candidate.record.id) ?? 0;
    const own = Math.min(1, candidate.relevance * (1 + (queryBoost.get(candidate.record.id) ?? 0)));
    return boost > 0 || own !== candidate.relevance
      ? { ...candidate, relevance: 1 - (1 - own) * (1 - boost) }
      : candidate;
  });
  for (const record of records)
    expanded.push({ record, relevance: propagated.get(record.id)!, lexicalRank: null, vectorRank: null });
  return { candidates: expanded, intent, added: records.length };
}

/** Memories that mention these entities (hubs left out), each with the keys it mentions and their specificity. */
async function memoriesMentioning(
  graph: MemoryGraph,
  namespace: string,
  entities: readonly EntityNode[],
): Promise<Map<string, Map<string, number>>> {
  const specificity = new Map(
    entities
      .filter((entity) => entity.mentionCount >= 2 && entity.mentionCount <= EXPANSION_DEFAULTS.maxEntityMentions)
      .map((entity) => [entity.key, Math.min(1, 1 / Math.sqrt(entity.mentionCount - 1))]),
  );
  const mentioning = new Map<string, Map<string, number>>();
  if (specificity.size === 0) return mentioning;
  for (const link of await graph.links(namespace, {
    ids: [...specificity.keys()],
    direction: 'in',
    type: 'mentions',
  })) {
    const shared = mentioning.get(link.from) ?? new Map<string, number>();
    shared.set(link.to, specificity.get(link.to)!);
    mentioning.set(link.from, shared);
  }
  return mentioning;
}

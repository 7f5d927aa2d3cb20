import { createPersona } from '@resonant/core/persona';
import { explainScore, RANKING_DEFAULTS, type Memory, type MemoryRecord } from '@resonant/core';
import { FORGETTING_DEFAULTS, halfLifeDays, recallStage, recencyAt } from '@resonant/core/ranking';
import { dayAfter, dayOf, namespaceOf, numberOf, stringOf, type InspectorRequest } from './inspector-request.js';
import type { RetrievalSimulation } from './retrieval-simulations.js';

/** Most memories the page lists per namespace (it pages no further). */
export const LISTED_MEMORIES_LIMIT = 5000;
/** Most links the entity graph is drawn with. */
export const GRAPH_LINKS_LIMIT = 3000;

/** The store, its namespaces, and the weights and curve the explanations use. */
export async function overviewRoute(request: InspectorRequest) {
  const stats = await request.memory.stats();
  const { random: _random, ...forgetting } = FORGETTING_DEFAULTS;
  return { path: request.path, write: request.write, now: request.now, stats, ranking: RANKING_DEFAULTS, forgetting };
}

/** Every memory of a namespace (archived ones too) with every signal, as of the simulated day. */
export async function memoriesRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const day = dayOf(request);
  const simulation = await request.simulations.find(namespace);
  const records = await listAll(request.memory, namespace);
  const now = dayAfter(simulation?.base ?? request.now, day);
  return {
    day,
    truncated: records.length >= LISTED_MEMORIES_LIMIT,
    memories: records.map((record) => ({
      ...record,
      stage: recallStage(record.accessCount),
      halfLifeDays: halfLifeDays(record.accessCount, FORGETTING_DEFAULTS),
      recency: simulation
        ? simulation.recencyOn(record, day)
        : recencyAt(record.lastAccessedAt, record.accessCount, now, FORGETTING_DEFAULTS),
    })),
  };
}

/** Ranked hits for a query on the simulated day, each signal's part of the score alongside. */
export async function recallRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const { memory, now } = await simulatedMemory(request, namespace);
  const hits = await memory.recall({
    namespace,
    query: stringOf(request, 'query'),
    limit: numberOf(request, 'limit', { min: 1, max: 100, fallback: 10 }),
    now,
    reinforce: false,
  });
  return {
    now,
    hits: hits.map((hit) => ({
      memory: hit.memory,
      score: hit.score,
      signals: hit.signals,
      parts: explainScore(hit.signals, RANKING_DEFAULTS),
    })),
  };
}

/** The context block the query would get under a token budget, and where every memory went. */
export async function contextRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const { memory, now } = await simulatedMemory(request, namespace);
  const tokens = numberOf(request, 'tokens', { min: 1, max: 200_000, fallback: 400 });
  const result = await memory.buildContext({
    namespace,
    query: stringOf(request, 'query'),
    budget: { tokens },
    now,
    reinforce: false,
  });
  return {
    text: result.text,
    tokens: result.tokens,
    encoding: result.encoding,
    report: result.report,
    omitted: result.omitted,
    warnings: result.warnings,
    included: result.included.map((item) => ({
      id: item.memory.id,
      text: item.memory.text,
      level: item.memory.level,
      reference: item.reference,
      mode: item.mode,
      tokens: item.tokens,
      score: item.score,
      salience: item.salience,
      compression: item.compression && {
        source: item.compression.source,
        summary: item.compression.summary,
        originalTokens: item.compression.originalTokens,
        summaryTokens: item.compression.summaryTokens,
        retention: item.compression.retention,
      },
    })),
  };
}

/** The consolidation summaries (levels 0-3) and which memories each one summarizes. */
export async function summariesRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const summaries = (await listAll(request.memory, namespace)).filter((record) => record.level !== null);
  const links =
    summaries.length > 0 && request.store.graph
      ? await request.store.graph.links(namespace, {
          ids: summaries.map((record) => record.id),
          direction: 'out',
          type: 'child',
        })
      : [];
  const children = new Map<string, string[]>();
  for (const link of links) children.set(link.from, [...(children.get(link.from) ?? []), link.to]);
  return { summaries: summaries.map((record) => ({ ...record, children: children.get(record.id) ?? [] })) };
}

/** A summary's chain down to the raw turns it came from. */
export async function drillDownRoute(request: InspectorRequest) {
  return request.memory.drillDown({ namespace: namespaceOf(request), id: stringOf(request, 'id') });
}

/** The namespace's entities and the memories that mention them. */
export async function entitiesRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const graph = request.store.graph;
  const entities = await graph.entities(namespace);
  const mentions: { from: string; to: string }[] = [];
  let after: string | null = null;
  do {
    const page = await graph.listLinks(namespace, { after, limit: 500 });
    for (const link of page.links)
      if (link.type === 'mentions' && mentions.length < GRAPH_LINKS_LIMIT)
        mentions.push({ from: link.from, to: link.to });
    after = mentions.length < GRAPH_LINKS_LIMIT ? page.next : null;
  } while (after !== null);
  const memories = await getInNamespace(request.memory, namespace, [...new Set(mentions.map((link) => link.from))]);
  return {
    entities,
    mentions,
    memories: memories.map((record) => ({ id: record.id, text: record.text, level: record.level })),
    truncated: mentions.length >= GRAPH_LINKS_LIMIT,
  };
}

/** The memories that mention one entity. */
export async function entityRoute(request: InspectorRequest) {
  return request.memory.entityBacklinks({ namespace: namespaceOf(request), name: stringOf(request, 'name') });
}

/** What feedback changed, newest first, with the memories it changed. */
export async function feedbackRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const entries = await request.store.feedbackLog.list(namespace, {
    limit: numberOf(request, 'limit', { min: 1, max: 5000, fallback: 500 }),
  });
  const records = await getInNamespace(request.memory, namespace, [...new Set(entries.map((entry) => entry.memoryId))]);
  const texts = Object.fromEntries(records.map((record) => [record.id, record.text]));
  return { entries: entries.map((entry) => ({ ...entry, text: texts[entry.memoryId] ?? null })) };
}

/** The persona's drives, questions and goals on the simulated day, when the namespace has a persona. */
export async function personaRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const snapshot = await request.store.persona.read(namespace);
  if (snapshot.version === 0) return { present: false };
  const persona = createPersona({ memory: request.memory });
  return {
    present: true,
    version: snapshot.version,
    ...(await persona.inspect({ namespace, now: dayAfter(request.now, dayOf(request)) })),
  };
}

/** The memory to ask and the moment to ask it at: the namespace's simulation when one runs, else the store now. */
async function simulatedMemory(
  request: InspectorRequest,
  namespace: string,
): Promise<{ memory: Memory; now: Date; simulation?: RetrievalSimulation }> {
  const simulation = await request.simulations.find(namespace);
  const day = dayOf(request);
  return simulation
    ? { memory: simulation.sandbox, now: dayAfter(simulation.base, day), simulation }
    : { memory: request.memory, now: dayAfter(request.now, day) };
}

/** The records with these ids that belong to the namespace (`get` alone would cross namespaces). */
async function getInNamespace(memory: Memory, namespace: string, ids: readonly string[]): Promise<MemoryRecord[]> {
  const records = await Promise.all(ids.map((id) => memory.get(id)));
  return records.filter((record): record is MemoryRecord => record !== null && record.namespace === namespace);
}

async function listAll(memory: Memory, namespace: string): Promise<MemoryRecord[]> {
  const records: MemoryRecord[] = [];
  let after: string | null = null;
  do {
    const page = await memory.list({ namespace, after, limit: 1000, filter: { includeArchived: true } });
    records.push(...page.records.slice(0, LISTED_MEMORIES_LIMIT - records.length));
    after = records.length < LISTED_MEMORIES_LIMIT ? page.next : null;
  } while (after !== null);
  return records;
}

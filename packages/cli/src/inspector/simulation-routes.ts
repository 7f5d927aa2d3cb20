import { explainScore, RANKING_DEFAULTS, type MemoryRecord } from '@resonant/core';
import { recencyCurves } from './retrieval-simulations.js';
import { dayOf, namespaceOf, numberOf, stringOf, type InspectorRequest } from './inspector-request.js';

/** Most memories one replay chart draws. */
export const CURVES_LIMIT = 12;

/** A retrieval on the simulated day, in the namespace's sandbox: what came back is reinforced there. */
export async function retrieveRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const simulation = await request.simulations.open(namespace, request.now);
  const hits = await simulation.retrieve(
    stringOf(request, 'query'),
    dayOf(request),
    numberOf(request, 'limit', { min: 1, max: 100, fallback: 5 }),
  );
  return {
    retrievals: simulation.retrievals,
    hits: hits.map((hit) => ({
      memory: hit.memory,
      score: hit.score,
      signals: hit.signals,
      parts: explainScore(hit.signals, RANKING_DEFAULTS),
    })),
  };
}

/** The replay: recency of the chosen memories over the simulated days, and the retrievals so far. */
export async function replayRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const days = numberOf(request, 'days', { min: 1, max: 3650, fallback: 90 });
  const ids = (request.query.get('ids') ?? '')
    .split(',')
    .filter((id) => id !== '')
    .slice(0, CURVES_LIMIT);
  // Until a retrieval is simulated, the curves come from the store itself (no copy is made).
  const simulation = await request.simulations.find(namespace);
  const source = simulation?.sandbox ?? request.memory;
  const records = (await Promise.all(ids.map((id) => source.get(id)))).filter(
    (record): record is MemoryRecord => record !== null && record.namespace === namespace,
  );
  const step = Math.max(1, Math.ceil(days / 200));
  const grid = Array.from({ length: Math.floor(days / step) + 1 }, (_, index) => index * step);
  const base = simulation?.base ?? request.now;
  return {
    base,
    retrievals: simulation?.retrievals ?? [],
    earliestDay: simulation?.earliestDay ?? 0,
    ...(simulation ? simulation.curves(records, grid) : recencyCurves(records, grid, base)),
  };
}

/** Forgets the namespace's simulated retrievals: the next replay starts again from the store. */
export async function resetRoute(request: InspectorRequest) {
  await request.simulations.reset(namespaceOf(request));
  return { reset: true };
}

import type * as readRoutes from '../src/inspector/read-routes.js';
import type * as simulationRoutes from '../src/inspector/simulation-routes.js';
import type * as writeRoutes from '../src/inspector/write-routes.js';

/** What a value looks like after JSON: dates become ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [Key in keyof T]: Json<T[Key]> }
      : T;

type Answer<Route extends (...args: never[]) => Promise<unknown>> = Json<Awaited<ReturnType<Route>>>;

export type Overview = Answer<typeof readRoutes.overviewRoute>;
export type MemoriesAnswer = Answer<typeof readRoutes.memoriesRoute>;
export type ListedMemory = MemoriesAnswer['memories'][number];
export type RecallAnswer = Answer<typeof readRoutes.recallRoute>;
export type ExplainedHit = RecallAnswer['hits'][number];
export type ContextAnswer = Answer<typeof readRoutes.contextRoute>;
export type SummariesAnswer = Answer<typeof readRoutes.summariesRoute>;
export type DrillDownAnswer = Answer<typeof readRoutes.drillDownRoute>;
export type EntitiesAnswer = Answer<typeof readRoutes.entitiesRoute>;
export type EntityAnswer = Answer<typeof readRoutes.entityRoute>;
export type FeedbackAnswer = Answer<typeof readRoutes.feedbackRoute>;
export type PersonaAnswer = Answer<typeof readRoutes.personaRoute>;
export type ReplayAnswer = Answer<typeof simulationRoutes.replayRoute>;
export type RetrieveAnswer = Answer<typeof simulationRoutes.retrieveRoute>;
export type RememberAnswer = Answer<typeof writeRoutes.rememberRoute>;
export type ApplyFeedbackAnswer = Answer<typeof writeRoutes.applyFeedbackRoute>;
export type ConsolidateAnswer = Answer<typeof writeRoutes.consolidateRoute>;

/** A GET of the inspector's API; its error message when it answers otherwise. */
export async function getJson<T>(path: string, params: Record<string, string | number | undefined>): Promise<T> {
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  );
  return readAnswer<T>(await fetch(`${path}?${query}`));
}

/** A JSON POST to the inspector's API. */
export async function postJson<T>(path: string, body: Record<string, unknown>): Promise<T> {
  return readAnswer<T>(
    await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
}

async function readAnswer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

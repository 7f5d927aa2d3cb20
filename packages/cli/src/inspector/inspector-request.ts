import { isValidNamespace, type Memory, type SqliteStore } from '@resonant/core';
import { HttpError } from './http-error.js';
import type { RetrievalSimulations } from './retrieval-simulations.js';

const DAY_MS = 86_400_000;

/** What every API route works with: the open memory and its store, the simulations, and the request. */
export interface InspectorRequest {
  memory: Memory;
  store: SqliteStore;
  path: string;
  write: boolean;
  simulations: RetrievalSimulations;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The real time of the request. */
  now: Date;
}

/** The namespace a request is about (query string or body). */
export function namespaceOf(request: InspectorRequest): string {
  const namespace = request.query.get('namespace') ?? request.body.namespace;
  if (typeof namespace !== 'string' || !isValidNamespace(namespace))
    throw new HttpError(400, 'namespace is missing or not a valid namespace');
  return namespace;
}

/** A required string parameter. */
export function stringOf(request: InspectorRequest, name: string): string {
  const value = request.query.get(name) ?? request.body[name];
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, `${name} is required`);
  return value;
}

/** A numeric parameter in [min, max], or its default when absent. */
export function numberOf(
  request: InspectorRequest,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const raw = request.query.get(name) ?? request.body[name];
  if (raw === undefined || raw === null || raw === '') return bounds.fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max)
    throw new HttpError(400, `${name} must be a number from ${bounds.min} to ${bounds.max}`);
  return value;
}

/** The simulated day of a request (`day`, days after now; one second of replay is one day). */
export function dayOf(request: InspectorRequest): number {
  return numberOf(request, 'day', { min: 0, max: 3650, fallback: 0 });
}

/** The moment `day` days after `base`. */
export function dayAfter(base: Date, day: number): Date {
  return new Date(base.getTime() + day * DAY_MS);
}

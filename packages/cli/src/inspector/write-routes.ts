import { MEMORY_KINDS, type MemoryKind } from '@resonant/core';
import { HttpError } from './http-error.js';
import { namespaceOf, numberOf, stringOf, type InspectorRequest } from './inspector-request.js';

// Routes that change the store: served only with `resonant inspect --write`. Each one drops the
// namespace's simulation, which was copied from the store before the change.

/** Stores a memory. */
export async function rememberRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const kind = request.body.kind;
  if (kind !== undefined && !(MEMORY_KINDS as readonly unknown[]).includes(kind))
    throw new HttpError(400, `kind must be one of ${MEMORY_KINDS.join(', ')}`);
  const arousal =
    request.body.arousal === undefined ? undefined : numberOf(request, 'arousal', { min: 0, max: 1, fallback: 0 });
  const result = await request.memory.remember({
    namespace,
    text: stringOf(request, 'text'),
    ...(kind !== undefined && { kind: kind as MemoryKind }),
    ...(arousal !== undefined && { arousal }),
  });
  await request.simulations.reset(namespace);
  return result;
}

/** Applies the feedback tags of a model output. */
export async function applyFeedbackRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const result = await request.memory.applyFeedback({ namespace, text: stringOf(request, 'text') });
  await request.simulations.reset(namespace);
  return result;
}

/** Runs consolidation on the namespace. */
export async function consolidateRoute(request: InspectorRequest) {
  const namespace = namespaceOf(request);
  const result = await request.memory.consolidate({ namespace });
  await request.simulations.reset(namespace);
  return result;
}

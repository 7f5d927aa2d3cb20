import { z } from 'zod';
import type { QdrantApi } from './qdrant-api.js';

/**
 * The cause of a store failure when Qdrant's answer could not be understood: not JSON, or JSON of
 * another shape than the documented one. Never thrown to users on its own (the store wraps it in a
 * `StoreFailureError`); its name marks the failure as uncertain: a write may or may not have landed.
 */
export class MalformedQdrantResponse extends Error {
  override readonly name = 'MalformedQdrantResponse';
}

const pointId = z.union([z.string(), z.number()]);
const point = z.looseObject({ id: pointId, payload: z.record(z.string(), z.unknown()).nullish() });
const points = z.array(point);
// Every write is sent with `wait: true`: anything but "completed" is not an acknowledgement.
const completed = z.looseObject({ status: z.literal('completed') });

/** What the store reads of each answer (the parts it relies on), per client method. */
const RESPONSE_SHAPES: Record<keyof QdrantApi, z.ZodType> = {
  collectionExists: z.looseObject({ exists: z.boolean() }),
  createCollection: z.unknown(),
  createPayloadIndex: completed,
  upsert: completed,
  delete: completed,
  batchUpdate: z.array(completed),
  retrieve: points,
  count: z.looseObject({ count: z.number().int().nonnegative() }),
  facet: z.looseObject({
    hits: z.array(z.looseObject({ value: z.union([z.string(), z.number(), z.boolean()]), count: z.number() })),
  }),
  query: z.looseObject({ points }),
  queryBatch: z.array(z.looseObject({ points })),
  scroll: z.looseObject({ points, next_page_offset: pointId.nullish() }),
};

/** Returns the answer as it came, or throws {@link MalformedQdrantResponse} naming what is wrong. */
export function checkQdrantResponse<T>(method: keyof QdrantApi, response: T): T {
  const result = RESPONSE_SHAPES[method].safeParse(response);
  if (result.success) return response;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new MalformedQdrantResponse(
    `malformed answer to ${method}${where}: ${issue?.message ?? 'unexpected shape'} (got ${preview(response)})`,
  );
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

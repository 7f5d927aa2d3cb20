import { InvalidInputError } from '@resonant/core';
import type { z } from 'zod';

/** Validates adapter options once at the factory; throws core's `InvalidInputError` listing every issue. */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  throw new InvalidInputError(`Invalid ${what}: ${summary}`, issues, { cause: result.error });
}

import type { z } from 'zod';
import { InvalidInputError } from './invalid-input-error.js';

/** Validates caller input at a public boundary (core's and the adapters'); throws `InvalidInputError` listing every issue. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 3)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  throw new InvalidInputError(
    `Invalid ${what}: ${summary}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
    issues,
    { cause: result.error },
  );
}

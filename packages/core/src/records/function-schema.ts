import { z } from 'zod';

/** A callback in an options object: zod checks only that it is a function (its signature is the type's). */
export const functionSchema = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);

import { ResonantError } from './resonant-error.js';

/** A memory that an operation requires does not exist in the given namespace. */
export class NotFoundError extends ResonantError {
  constructor(message: string) {
    super('not_found', message);
  }
}

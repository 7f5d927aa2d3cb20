import { ResonantError } from './resonant-error.js';

/** One problem found while validating caller input. */
export interface InputIssue {
  /** Dotted path into the input, such as `inputs.3.text`. */
  path: string;
  message: string;
}

/** Caller input failed validation; `issues` lists every problem found, not just the first. */
export class InvalidInputError extends ResonantError {
  readonly issues: readonly InputIssue[];

  constructor(message: string, issues: readonly InputIssue[] = [], options?: { cause?: unknown }) {
    super('invalid_input', message, options);
    this.issues = issues;
  }
}

import { UsageError } from './usage-error.js';
import type { CommandInput, FileCommandInput } from './command.js';

/** A string option the command cannot do without. */
export function requiredString(input: CommandInput | FileCommandInput, name: string): string {
  const value = input.values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

/** A numeric option, absent or a finite number in [min, max]. */
export function optionalNumber(
  input: CommandInput | FileCommandInput,
  name: string,
  bounds: { min: number; max: number; integer?: boolean },
): number | undefined {
  const value = input.values[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    !Number.isFinite(number) ||
    number < bounds.min ||
    number > bounds.max ||
    (bounds.integer && !Number.isInteger(number))
  ) {
    throw new UsageError(
      `--${name} must be ${bounds.integer ? 'an integer' : 'a number'} from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

/** Writes one line to stdout: JSON for `--json`, the human text otherwise. */
export function print(input: CommandInput | FileCommandInput, json: unknown, human: () => string): void {
  input.io.stdout.write(`${input.json ? JSON.stringify(json) : human()}\n`);
}

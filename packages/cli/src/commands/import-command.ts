import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { countNoun, MEMORY_NOUN } from '@resonant/core/adapters';
import type { Command } from '../command.js';
import { print } from '../read-option.js';

/** `resonant import [--file F]`: JSONL from a file or stdin, streamed in batches. */
export const importCommand: Command = {
  summary: 'read JSONL written by export (from --file, or stdin)',
  options: { file: { type: 'string', description: 'the JSONL file (default: stdin)' } },
  async run(input) {
    const file = input.values.file;
    const source = typeof file === 'string' ? createReadStream(file, 'utf8') : input.io.stdin;
    const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
    const result = await input.memory.import({ lines });
    print(
      input,
      result,
      () =>
        `imported ${countNoun(result.imported, MEMORY_NOUN)}, ${countNoun(result.entities, { one: 'entity', other: 'entities' })}, ${countNoun(result.links, { one: 'link', other: 'links' })}`,
    );
  },
};

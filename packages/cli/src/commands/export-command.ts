import { once } from 'node:events';
import type { Command } from '../command.js';

/** `resonant export`: the namespace (or, with `--all`, every one) as JSONL on stdout, streamed. */
export const exportCommand: Command = {
  summary: 'write memories as JSONL to stdout',
  options: { all: { type: 'boolean', description: 'every namespace, not just --namespace' } },
  async run(input) {
    for await (const line of input.memory.export(input.values.all === true ? {} : { namespace: input.namespace })) {
      // Each line ends with its own newline.
      if (!input.io.stdout.write(line)) await once(input.io.stdout, 'drain');
    }
  },
};

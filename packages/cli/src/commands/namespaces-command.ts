import type { Command } from '../command.js';
import { print } from '../read-option.js';

/** `resonant namespaces`: one namespace a line. */
export const namespacesCommand: Command = {
  summary: 'list the namespaces that hold memories',
  options: {},
  async run(input) {
    const names = [...(await input.memory.namespaces())].sort();
    print(input, names, () => (names.length === 0 ? '(no namespaces)' : names.join('\n')));
  },
};

import { countNoun, MEMORY_NOUN } from '@resonant/core/adapters';
import type { Command } from '../command.js';
import { formatTable } from '../format-table.js';
import { print } from '../read-option.js';

/** `resonant stats`: the whole store (namespaces, counts, embedder, file size). */
export const statsCommand: Command = {
  summary: 'describe the store',
  options: {},
  async run(input) {
    const stats = await input.memory.stats();
    print(input, stats, () =>
      [
        `${countNoun(stats.count, MEMORY_NOUN)} in ${countNoun(stats.namespaces.length, { one: 'namespace', other: 'namespaces' })}`,
        `embedder ${stats.embedder.id} (${stats.embedder.dimensions} dimensions)`,
        ...(stats.file ? [`file ${stats.file.path} (${stats.file.bytes} bytes)`] : []),
        ...(stats.namespaces.length > 0
          ? [
              '',
              formatTable([
                ['namespace', 'memories'],
                ...stats.namespaces.map((entry) => [entry.namespace, String(entry.count)]),
              ]),
            ]
          : []),
      ].join('\n'),
    );
  },
};

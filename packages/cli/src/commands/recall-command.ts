import { countNoun, MEMORY_NOUN } from '@resonant/core/adapters';
import type { Command } from '../command.js';
import { formatTable } from '../format-table.js';
import { optionalNumber, print, requiredString } from '../read-option.js';

/** `resonant recall --query Q [--limit N]`: ranked hits with every signal (never reinforces: it is a look). */
export const recallCommand: Command = {
  summary: 'rank the memories that match a query',
  options: {
    query: { type: 'string', description: 'what to look for' },
    limit: { type: 'string', description: 'hits to show (default 10)' },
  },
  async run(input) {
    const query = requiredString(input, 'query');
    const limit = optionalNumber(input, 'limit', { min: 1, max: 1000, integer: true }) ?? 10;
    const hits = await input.memory.recall({ namespace: input.namespace, query, limit, reinforce: false });
    print(
      input,
      hits.map((hit, index) => ({
        rank: index + 1,
        id: hit.memory.id,
        score: hit.score,
        signals: hit.signals,
        text: hit.memory.text,
      })),
      () => {
        if (hits.length === 0) return `No memories match ${JSON.stringify(query)} in ${input.namespace}.`;
        const rows = hits.map((hit, index) => [
          `#${index + 1}`,
          `m:${hit.memory.id}`,
          hit.score.toFixed(3),
          hit.signals.relevance.toFixed(2),
          hit.signals.recency.toFixed(2),
          hit.signals.arousal.toFixed(2),
          hit.signals.utility.toFixed(2),
          hit.memory.text.replace(/\s+/g, ' '),
        ]);
        return `${countNoun(hits.length, MEMORY_NOUN)} for ${JSON.stringify(query)} in ${input.namespace}, best first:\n${formatTable([['rank', 'id', 'score', 'relevance', 'recency', 'arousal', 'utility', 'text'], ...rows])}`;
      },
    );
  },
};

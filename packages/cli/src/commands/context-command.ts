import { formatBudgetReport } from '@resonant/core';
import type { Command } from '../command.js';
import { optionalNumber, print, requiredString } from '../read-option.js';
import { UsageError } from '../usage-error.js';

/** `resonant context --query Q --tokens N`: the exact block a model would get, and its budget table (a dry run). */
export const contextCommand: Command = {
  summary: 'print the memory block a model would get, and its budget table',
  options: {
    query: { type: 'string', description: 'the conversation so far, or its last turn' },
    tokens: { type: 'string', description: 'the memory budget in tokens' },
  },
  async run(input) {
    const query = requiredString(input, 'query');
    const tokens = optionalNumber(input, 'tokens', { min: 1, max: 1_000_000, integer: true });
    if (tokens === undefined) throw new UsageError('--tokens is required');
    const result = await input.memory.buildContext({
      namespace: input.namespace,
      query,
      budget: { tokens },
      reinforce: false,
    });
    print(
      input,
      {
        text: result.text,
        tokens: result.tokens,
        encoding: result.encoding,
        omitted: result.omitted,
        report: result.report,
        warnings: result.warnings,
      },
      () =>
        [result.text === '' ? '(no memory fits this query)' : result.text, '', formatBudgetReport(result.report)].join(
          '\n',
        ),
    );
  },
};

import { createProgressBar } from '@resonant/core';
import type { Command } from '../command.js';
import { print } from '../read-option.js';

/** `resonant consolidate`: folds old memories into summaries; a progress bar on a terminal, quiet otherwise. */
export const consolidateCommand: Command = {
  summary: 'fold old memories into session, day, week and milestone summaries',
  options: {},
  async run(input) {
    const onProgress = input.io.stderr.isTTY === true ? createProgressBar({ stream: input.io.stderr }) : undefined;
    const result = await input.memory.consolidate({ namespace: input.namespace, ...(onProgress && { onProgress }) });
    print(
      input,
      result,
      () =>
        `summaries ${result.created.join('/')} (sessions/days/weeks/milestones); archived ${result.archived}; relinked ${result.relinked}`,
    );
  },
};

import { countNoun } from '@resonant/core/adapters';
import type { Command } from '../command.js';
import { print, requiredString } from '../read-option.js';

/** `resonant feedback --text OUTPUT`: applies the `<memory_trace>` and `<persona_emotion>` tags of a model output. */
export const feedbackCommand: Command = {
  summary: 'apply the feedback tags in a model output',
  options: { text: { type: 'string', description: 'the model output, tags included' } },
  async run(input) {
    const result = await input.memory.applyFeedback({
      namespace: input.namespace,
      text: requiredString(input, 'text'),
    });
    print(input, result, () =>
      [
        `applied ${countNoun(result.applied.length, { one: 'trace', other: 'traces' })}, ignored ${result.ignored.length}`,
        ...result.applied.map((trace) => `  m:${trace.id} resonance ${trace.resonance.toFixed(2)}`),
        ...result.ignored.map((entry) => `  m:${entry.id} ${entry.reason.replace('_', ' ')}`),
      ].join('\n'),
    );
  },
};

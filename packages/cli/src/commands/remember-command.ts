import { MEMORY_KINDS, type MemoryKind } from '@resonant/core';
import type { Command } from '../command.js';
import { optionalNumber, print, requiredString } from '../read-option.js';
import { UsageError } from '../usage-error.js';

/** `resonant remember --text T [--arousal A] [--kind K]` */
export const rememberCommand: Command = {
  summary: 'store a memory',
  options: {
    text: { type: 'string', description: 'what to remember' },
    arousal: { type: 'string', description: 'emotional intensity 0..1 (estimated when absent)' },
    kind: { type: 'string', description: MEMORY_KINDS.join(' | ') },
  },
  async run(input) {
    const text = requiredString(input, 'text');
    const arousal = optionalNumber(input, 'arousal', { min: 0, max: 1 });
    const kind = input.values.kind;
    if (kind !== undefined && !(MEMORY_KINDS as readonly unknown[]).includes(kind))
      throw new UsageError(`--kind must be one of ${MEMORY_KINDS.join(', ')}`);
    const result = await input.memory.remember({
      namespace: input.namespace,
      text,
      ...(arousal !== undefined && { arousal }),
      ...(kind !== undefined && { kind: kind as MemoryKind }),
    });
    print(
      input,
      result,
      () =>
        `${result.outcome === 'created' ? 'remembered' : result.outcome} m:${result.memory.id} in ${input.namespace}`,
    );
  },
};

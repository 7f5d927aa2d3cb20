import { join } from 'node:path';
import { createMemory, type CreateMemoryOptions } from '@resonant/core';
import type { OpenLocomoRetriever } from '../lib/evaluate-locomo-retriever.js';
import { rememberConversation } from '../lib/remember-conversation.js';

const DAY_MS = 86_400_000;

/**
 * Resonant on a fresh SQLite file per conversation, set up as bench/locomo-recall does: "now" is
 * the day after the last session, ids are sequential (ties break the same way every run), and
 * recall does not reinforce what it returns.
 */
export function resonantRetriever(
  name: string,
  options: (path: string) => CreateMemoryOptions,
  workDir: string,
): OpenLocomoRetriever {
  return async (conversation) => {
    const lastSession = Math.max(...conversation.turns.map((turn) => turn.sessionDate.getTime()));
    const now = new Date(lastSession + DAY_MS);
    let nextId = 0;
    const memory = await createMemory({
      ...options(join(workDir, `${name}-${conversation.sampleId}.db`)),
      clock: () => now,
      generateId: () => `m${String(nextId++).padStart(6, '0')}`,
    });
    const namespace = await rememberConversation(memory, conversation);
    return {
      search: async (query, limit) => {
        const hits = await memory.recall({ namespace, query, limit, reinforce: false });
        return hits.map((hit) => String(hit.memory.metadata.diaId));
      },
      close: () => memory.close(),
    };
  };
}

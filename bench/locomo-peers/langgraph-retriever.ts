import type { Embeddings } from '@langchain/core/embeddings';
import { InMemoryStore } from '@langchain/langgraph';
import type { OpenLocomoRetriever } from '../lib/evaluate-locomo-retriever.js';
import { turnText } from '../lib/remember-conversation.js';

/**
 * LangGraph.js `InMemoryStore` with its semantic index over the `text` field: one item per turn
 * (the same speaker-attributed text Resonant stores) under one namespace per conversation, stored
 * in one batch; search is its cosine ranking of the query's vector.
 */
export function langGraphRetriever(embeddings: Embeddings, dimensions: number): OpenLocomoRetriever {
  return async (conversation) => {
    const store = new InMemoryStore({ index: { dims: dimensions, embeddings, fields: ['text'] } });
    // LangGraph namespaces are label paths (a label may not hold ':').
    const namespace = ['locomo', conversation.sampleId];
    await store.batch(
      conversation.turns.map((turn) => ({
        namespace,
        key: turn.diaId,
        value: { text: turnText(turn), diaId: turn.diaId },
      })),
    );
    return {
      search: async (query, limit) => {
        const items = await store.search(namespace, { query, limit });
        return items.map((item) => String(item.value.diaId));
      },
      close: async () => {},
    };
  };
}

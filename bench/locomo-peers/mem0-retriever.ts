import type { Embeddings } from '@langchain/core/embeddings';
import type { OpenLocomoRetriever } from '../lib/evaluate-locomo-retriever.js';
import { turnText } from '../lib/remember-conversation.js';

/** What the Mem0 run needs to know and report. */
export interface Mem0Run {
  open: OpenLocomoRetriever;
  /** Times Mem0 asked its LLM for anything (must stay 0: inference is off). */
  llmCalls: () => number;
}

/**
 * Mem0's open-source TypeScript `Memory` (mem0ai/oss) with inference off: every turn is added
 * verbatim (`infer: false`, no fact extraction), vectors from the same embedder as every other system
 * (its `langchain` embedder provider), its `memory` vector store on an in-memory SQLite database,
 * history off. Its search is its own hybrid: cosine top candidates re-scored with its BM25 and entity
 * boosts. The LLM slot holds a stand-in that counts and refuses calls, so none can go out.
 * `threshold: 0` keeps every candidate with a non-negative cosine (its default 0.1 would cut lists
 * short of 10 and lower its recall for reasons that are not ranking).
 */
export async function mem0Retriever(embeddings: Embeddings, dimensions: number, homeDir: string): Promise<Mem0Run> {
  // Read when the module loads: no telemetry, and its user-id file under our temp dir, not ~/.mem0.
  process.env.MEM0_TELEMETRY = 'false';
  process.env.MEM0_DIR = homeDir;
  const { Memory } = await import('mem0ai/oss');
  let llmCalls = 0;
  const refusingLlm = {
    modelId: 'none (inference off)',
    invoke: async () => {
      llmCalls++;
      throw new Error('Mem0 asked its LLM although inference is off');
    },
  };
  const open: OpenLocomoRetriever = async (conversation) => {
    const memory = new Memory({
      embedder: { provider: 'langchain', config: { model: embeddings, embeddingDims: dimensions } },
      vectorStore: {
        provider: 'memory',
        config: { collectionName: 'locomo', dimension: dimensions, dbPath: ':memory:' },
      },
      llm: { provider: 'langchain', config: { model: refusingLlm } },
      disableHistory: true,
    });
    const userId = conversation.sampleId;
    for (const turn of conversation.turns)
      await memory.add(turnText(turn), { userId, infer: false, metadata: { diaId: turn.diaId } });
    return {
      search: async (query, limit) => {
        const { results } = await memory.search(query, { topK: limit, threshold: 0, filters: { user_id: userId } });
        return results.map((item) => String(item.metadata?.diaId));
      },
      close: async () => {},
    };
  };
  return { open, llmCalls: () => llmCalls };
}

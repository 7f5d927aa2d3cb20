import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Memory } from '@resonant/core';
import { parseInput } from '@resonant/core/adapters';
import { z } from 'zod';

/** Options of {@link ResonantRetriever}; the LangChain callback fields pass through. */
export interface ResonantRetrieverInput extends BaseRetrieverInput {
  memory: Memory;
  namespace: string;
  /** Most documents returned. @default 10 (core's recall default) */
  limit?: number;
  /** Whether retrieval reinforces the memories it returns. @default true */
  reinforce?: boolean;
}

const optionsSchema = z.object({
  memory: z.custom<Memory>(
    (value) => typeof value === 'object' && value !== null && 'recall' in value,
    'must be a Resonant Memory',
  ),
  namespace: z.string().min(1),
  limit: z.number().int().min(1).max(1000).optional(),
  reinforce: z.boolean().optional(),
});

/** A LangChain retriever over Resonant recall: one `Document` per memory, best first, citing `m:<id>`. */
export class ResonantRetriever extends BaseRetriever {
  static override lc_name() {
    return 'ResonantRetriever';
  }
  override lc_namespace = ['resonant', 'retrievers'];
  private readonly options: z.output<typeof optionsSchema>;

  constructor(fields: ResonantRetrieverInput) {
    super(fields);
    this.options = parseInput(
      optionsSchema,
      { memory: fields.memory, namespace: fields.namespace, limit: fields.limit, reinforce: fields.reinforce },
      'ResonantRetriever options',
    );
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { memory, namespace, limit, reinforce } = this.options;
    const hits = await memory.recall({ namespace, query, limit, reinforce });
    return hits.map(
      ({ memory: record, score }) =>
        new Document({
          id: record.id,
          pageContent: record.text,
          metadata: {
            reference: `m:${record.id}`,
            score,
            kind: record.kind,
            createdAt: record.createdAt.toISOString(),
            arousal: record.arousal,
            utility: record.utility,
            metadata: record.metadata,
          },
        }),
    );
  }
}

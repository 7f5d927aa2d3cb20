import { createHashedEmbedder, HASHED_EMBEDDER_DEFAULTS, type Embedder } from '@resonant/core';
import { reembedStore, type ReembedProgress } from '@resonant/core/store';
import type { FileCommand, FileCommandInput } from '../command.js';
import { optionalNumber, print, requiredString } from '../read-option.js';
import { UsageError } from '../usage-error.js';

/** `resonant reembed`: moves the store file to another embedder, resumable after a crash or Ctrl-C. */
export const reembedCommand: FileCommand = {
  summary: 'move the store to another embedder (resumable)',
  options: {
    embedder: { type: 'string', description: '"hashed" (the offline default, the default here) or "local"' },
    dimensions: {
      type: 'string',
      description: `hashed: vector length (default ${HASHED_EMBEDDER_DEFAULTS.dimensions})`,
    },
    'model-dir': { type: 'string', description: 'local: the model directory (see @resonant/core/local-embedder)' },
    'batch-size': { type: 'string', description: 'memories embedded and committed together (default 256)' },
    restart: { type: 'boolean', description: 'drop a reembed in progress to another embedder and start over' },
  },
  async runOnFile(input) {
    const embedder = await embedderFrom(input);
    const batchSize = optionalNumber(input, 'batch-size', { min: 1, max: 100_000, integer: true });
    // Ctrl-C stops between batches; what is committed stays and the same command resumes.
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let last: ReembedProgress | undefined;
    try {
      const result = await reembedStore({
        path: input.path,
        embedder,
        ...(batchSize !== undefined ? { batchSize } : {}),
        restart: input.values.restart === true,
        signal: controller.signal,
        onProgress: (progress) => {
          last = progress;
          if (!input.json) input.io.stderr.write(`${progress.done}/${progress.total} (${progress.namespace})\n`);
        },
      });
      print(input, result, () =>
        result.reembedded === 0 && result.previous.embedderId === result.embedder.embedderId
          ? `${input.path} already uses embedder ${result.embedder.embedderId}; nothing to do`
          : `moved ${input.path} from ${result.previous.embedderId} to ${result.embedder.embedderId} ` +
            `(${result.total} memories, ${result.reembedded} embedded by this run${result.resumed ? ', resumed' : ''})`,
      );
    } catch (error) {
      if (controller.signal.aborted)
        input.io.stderr.write(
          `interrupted${last ? ` at ${last.done}/${last.total}` : ''}; run the same command again to resume\n`,
        );
      throw error;
    } finally {
      process.off('SIGINT', stop);
    }
  },
};

/** The embedder the command line names. */
async function embedderFrom(input: FileCommandInput): Promise<Embedder> {
  const kind = input.values.embedder ?? 'hashed';
  if (kind === 'hashed') {
    const dimensions = optionalNumber(input, 'dimensions', { min: 16, max: 4096, integer: true });
    return createHashedEmbedder(dimensions !== undefined ? { dimensions } : {});
  }
  if (kind === 'local') {
    const directory = requiredString(input, 'model-dir');
    // Loaded only when asked for: the local-model entry needs the optional ONNX Runtime.
    const { loadLocalEmbedder } = await import('@resonant/core/local-embedder');
    return loadLocalEmbedder({ directory });
  }
  throw new UsageError(`--embedder must be "hashed" or "local", got ${JSON.stringify(kind)}`);
}

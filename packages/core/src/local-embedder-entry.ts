// The local-model entry of @resonant/core (`@resonant/core/local-embedder`): a sentence-embedding
// model run from a directory on disk through ONNX Runtime. Kept off the root entry so an install
// without the optional onnxruntime-node never loads it.

export {
  loadLocalEmbedder,
  LOCAL_EMBEDDER_DEFAULTS,
  type LocalEmbedder,
  type LocalEmbedderOptions,
  type LocalEmbedderSettings,
} from './embed/local/load-local-embedder.js';
export { MODEL_FILE_CANDIDATES, type ModelPooling } from './embed/local/read-model-directory.js';
export { ModelUnavailableError, type ModelUnavailableReason } from './errors/model-unavailable-error.js';

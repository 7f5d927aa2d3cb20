// The adapter entry of @resonant/core (`@resonant/core/adapters`): what the framework adapters share so
// that every rule lives in core once: a chat turn's memory loop, input parsing, the memory block's
// escaping and references, the summarizer prompt, keyed items for key-value framework stores.

export { withPromptUsage, type TurnPrompt } from './budget/with-prompt-usage.js';
export { memoryReference } from './budget/memory-reference.js';
export { escapeMemoryText } from './budget/escape-memory-text.js';
export { MEMORY_BLOCK_FRAME } from './budget/render-memory-block.js';
export { FEEDBACK_INSTRUCTION } from './feedback/feedback-instruction.js';
export { summarizerPrompt, type SummarizerPrompt } from './compress/summarizer-prompt.js';
export { parseInput } from './errors/parse-input.js';
export { countNoun, MEMORY_NOUN, type NounForms } from './text/count-noun.js';
export {
  createConversationMemory,
  type ConversationMemory,
  type ConversationMemoryOptions,
  type ConversationStage,
  type ConversationTurn,
  type PreparedTurn,
} from './conversation/create-conversation-memory.js';
export { resolveNamespace, type NamespaceOption } from './feedback/resolve-namespace.js';
export {
  createKeyedItems,
  KEYED_ITEMS_DEFAULTS,
  type KeyedItems,
  type KeyedItemsOptions,
  type ItemKey,
  type PutItemOptions,
  type SearchItemsOptions,
  type ListItemNamespacesOptions,
} from './items/create-keyed-items.js';
export type { KeyedItem, ItemMetadataKeys } from './items/keyed-item.js';
export { joinNamespacePath, splitNamespacePath, type NamespacePathCondition } from './items/namespace-path.js';

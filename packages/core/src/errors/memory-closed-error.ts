import { ResonantError } from './resonant-error.js';

/** A call arrived after `memory.close()`. */
export class MemoryClosedError extends ResonantError {
  constructor() {
    super('memory_closed', 'This memory has been closed; create a new one with createMemory().');
  }
}

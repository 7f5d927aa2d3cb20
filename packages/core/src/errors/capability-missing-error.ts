import { ResonantError } from './resonant-error.js';

/** The configured store cannot do what was asked (for example cross-process change tracking). */
export class CapabilityMissingError extends ResonantError {
  constructor(message: string) {
    super('capability_missing', message);
  }
}

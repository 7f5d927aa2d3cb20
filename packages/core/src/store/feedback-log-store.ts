/** The signals feedback moves, as read just before and just after its write. */
export interface FeedbackSignals {
  readonly arousal: number;
  readonly utility: number;
  readonly accessCount: number;
}

/** What one `<memory_trace>` did to one memory. */
export interface FeedbackLogEntry {
  readonly at: Date;
  readonly memoryId: string;
  /** The reference as the model wrote it (`m:ab12`, a short prefix or the whole id). */
  readonly cited: string;
  readonly resonance: number;
  /** Whether it also counted as a recall. */
  readonly reinforced: boolean;
  readonly before: FeedbackSignals;
  readonly after: FeedbackSignals;
}

/** What a feedback log listing accepts. */
export interface FeedbackLogQuery {
  /** Most entries returned, newest first. */
  readonly limit: number;
  /** Only this memory's entries. */
  readonly memoryId?: string;
}

/**
 * Optional store capability: the history of what feedback changed, per namespace, for inspection
 * (which trace moved which memory by how much). A diagnostic record, not a source of truth: it is
 * written after the signal update it describes, and a store may keep only the newest entries.
 */
export interface FeedbackLogStore {
  append(namespace: string, entries: readonly FeedbackLogEntry[]): Promise<void>;
  /** Newest first. */
  list(namespace: string, query: FeedbackLogQuery): Promise<FeedbackLogEntry[]>;
}

/**
 * A bounded memo for pure functions of text (token counts, key terms, extractive summaries): the
 * same memories come back query after query. Oldest entries go first once `maxEntries` is reached.
 */
export class TextMemo<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly maxEntries: number) {}

  /** The memoised value for `key`, computing (and keeping) it on a miss. */
  get(key: string, compute: () => Value): Value {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

import type { PlanForm, PlanItem } from './context-plan.js';

/** One packing step: move an item to a smaller form (null item: drop the whole aggregate line). */
export interface Step {
  item: PlanItem | null;
  to: PlanForm;
  /** Tokens the step frees (> 0). */
  saving: number;
  /** Weighted value the step gives up. */
  loss: number;
}

/**
 * The order of packing steps: least loss per token saved first (compared cross-multiplied, as
 * ratios), ties to the lower-ranked item (higher `rank`). Negative when `a` comes first.
 */
export function compareSteps(a: Step, aRank: number, b: Step, bRank: number): number {
  const order = a.loss * b.saving - b.loss * a.saving;
  return order !== 0 ? order : bRank - aRank;
}

interface Entry {
  step: Step;
  rank: number;
  version: number;
}

/**
 * The best step of every item, kept in a heap so that a packing step costs O(changed · log n)
 * instead of a scan of every item. The caller says which items changed since the last `best()`
 * (their steps are recomputed, older entries skipped when they surface).
 */
export class StepQueue {
  private readonly heap: Entry[] = [];
  private readonly versions = new Map<PlanItem, number>();

  constructor(private readonly stepOf: (item: PlanItem) => Step | null) {}

  /** Recomputes the steps of `items`. */
  refresh(items: Iterable<PlanItem>): void {
    for (const item of items) {
      const version = (this.versions.get(item) ?? 0) + 1;
      this.versions.set(item, version);
      const step = this.stepOf(item);
      if (step !== null) this.push({ step, rank: item.rank, version });
    }
  }

  /** The best current step of any item, or null when no item can shrink. */
  best(): { step: Step; rank: number } | null {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (this.versions.get(top.step.item!) === top.version) return top;
      this.pop();
    }
    return null;
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    for (let at = heap.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (!before(heap[at]!, heap[parent]!)) break;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < heap.length && before(heap[left]!, heap[first]!)) first = left;
      if (right < heap.length && before(heap[right]!, heap[first]!)) first = right;
      if (first === at) return;
      [heap[at], heap[first]] = [heap[first]!, heap[at]!];
      at = first;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return compareSteps(a.step, a.rank, b.step, b.rank) < 0;
}

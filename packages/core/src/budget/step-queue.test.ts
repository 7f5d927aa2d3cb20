import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanItem } from './context-plan.js';
import { compareSteps, StepQueue, type Step } from './step-queue.js';

const itemAt = (rank: number) => ({ rank }) as PlanItem;

describe('StepQueue', () => {
  it('gives what a scan of every item gives: least loss per token saved, ties to the higher rank, after any refreshes', () => {
    const move = fc.option(fc.record({ saving: fc.integer({ min: 1, max: 60 }), loss: fc.integer({ min: 0, max: 20 }) }), { nil: null });
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(29), move), { maxLength: 40 }), (initial, updates) => {
        const items = initial.map((_, rank) => itemAt(rank));
        const moves = new Map<PlanItem, { saving: number; loss: number } | null>(items.map((item, rank) => [item, initial[rank]!]));
        const stepOf = (item: PlanItem): Step | null => {
          const found = moves.get(item);
          return found ? { item, to: 'omitted', ...found } : null;
        };
        const queue = new StepQueue(stepOf);
        queue.refresh(items);
        for (const [index, update] of [[0, moves.get(items[0]!)!] as const, ...updates]) {
          const item = items[index % items.length]!;
          moves.set(item, update);
          queue.refresh([item]);
          let scanned: Step | null = null;
          for (const candidate of items) {
            const step = stepOf(candidate);
            if (step && (scanned === null || compareSteps(step, candidate.rank, scanned, scanned.item!.rank) < 0)) scanned = step;
          }
          const best = queue.best();
          expect(best?.step.item ?? null).toBe(scanned?.item ?? null);
        }
      }),
      { numRuns: 500 },
    );
  });
});

import { z } from 'zod';

/** The categories a model's context window is split into. */
export const BUDGET_CATEGORIES = ['system', 'memory', 'conversation', 'responseReserve', 'tools'] as const;

/** One category of a {@link ContextBudget}. */
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** The categories the caller fills; memory is what `buildContext` fills. */
export type CallerCategory = Exclude<BudgetCategory, 'memory'>;

/**
 * A model's context window split by category, in tokens. Memory gets `memory` when set, else what
 * the other categories leave of the window; a category that `used` more than its budget takes the
 * excess from memory, so the window is never exceeded.
 */
export interface ContextBudget {
  /** The model's whole context window. */
  window: number;
  system?: number;
  memory?: number;
  conversation?: number;
  /** Kept free for the model's answer. */
  responseReserve?: number;
  /** Tool definitions and results. */
  tools?: number;
  /** Tokens the caller's categories actually use now, for the report (and to shrink memory on overrun). */
  used?: Partial<Record<CallerCategory, number>>;
}

/** A budget: just the memory's tokens, or a whole window split by category. */
export type ContextBudgetInput = { tokens: number } | ContextBudget;

/** A budget resolved to the memory's share and each category's budget and use. */
export interface ResolvedBudget {
  /** Tokens the memory block may take. */
  memoryTokens: number;
  /** The whole window, or null for a `{ tokens }` budget. */
  window: number | null;
  /** Budget and use of each caller category that was given (memory's use is filled in later). */
  categories: { category: CallerCategory; budget: number; used: number }[];
}

const tokens = z.number().int().min(0).max(10_000_000);

export const contextBudgetSchema = z.union([
  z.object({ tokens }).strict(),
  z
    .object({
      window: tokens,
      system: tokens.optional(),
      memory: tokens.optional(),
      conversation: tokens.optional(),
      responseReserve: tokens.optional(),
      tools: tokens.optional(),
      used: z
        .object({
          system: tokens.optional(),
          conversation: tokens.optional(),
          responseReserve: tokens.optional(),
          tools: tokens.optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .refine(
      (budget) => BUDGET_CATEGORIES.reduce((sum, category) => sum + (budget[category] ?? 0), 0) <= budget.window,
      'the category budgets add up to more than the window',
    ),
]);

/** The memory's share of a budget and the other categories' figures (input already validated). */
export function resolveContextBudget(budget: ContextBudgetInput): ResolvedBudget {
  if ('tokens' in budget) return { memoryTokens: budget.tokens, window: null, categories: [] };
  const categories: ResolvedBudget['categories'] = [];
  let taken = 0;
  for (const category of BUDGET_CATEGORIES) {
    if (category === 'memory') continue;
    const given = budget[category];
    const used = budget.used?.[category] ?? 0;
    if (given === undefined && used === 0) continue;
    categories.push({ category, budget: given ?? 0, used });
    taken += Math.max(given ?? 0, used);
  }
  const left = Math.max(0, budget.window - taken);
  return {
    memoryTokens: budget.memory === undefined ? left : Math.min(budget.memory, left),
    window: budget.window,
    categories,
  };
}

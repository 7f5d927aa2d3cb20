import type { BudgetCategory, ResolvedBudget } from './context-budget.js';

/** Used / budget / remaining tokens of one category. */
export interface BudgetLine {
  category: BudgetCategory;
  used: number;
  budget: number;
  /** `budget - used`; negative when a category overran. */
  remaining: number;
}

/** Where a context window's tokens went: per category and in total (the "context budget status"). */
export interface BudgetReport {
  /** The model's window, or null for a `{ tokens }` budget (then the total is the memory's). */
  window: number | null;
  categories: BudgetLine[];
  total: { used: number; budget: number; remaining: number };
}

/** The report of a resolved budget once the memory block is known to take `memoryUsed` tokens. */
export function createBudgetReport(resolved: ResolvedBudget, memoryUsed: number): BudgetReport {
  const memory: BudgetLine = {
    category: 'memory',
    used: memoryUsed,
    budget: resolved.memoryTokens,
    remaining: resolved.memoryTokens - memoryUsed,
  };
  const others = resolved.categories.map(
    ({ category, budget, used }): BudgetLine => ({ category, used, budget, remaining: budget - used }),
  );
  // Memory is listed second, after the system prompt, as the window is usually laid out.
  const categories =
    others.length > 0 && others[0]!.category === 'system'
      ? [others[0]!, memory, ...others.slice(1)]
      : [memory, ...others];
  const used = categories.reduce((sum, line) => sum + line.used, 0);
  const budget = resolved.window ?? resolved.memoryTokens;
  return { window: resolved.window, categories, total: { used, budget, remaining: budget - used } };
}

const LABELS: Readonly<Record<BudgetCategory | 'total', string>> = {
  system: 'system',
  memory: 'memory',
  conversation: 'conversation',
  responseReserve: 'response reserve',
  tools: 'tools',
  total: 'total',
};

/** The report as a small fixed-width text table (category, used, budget, remaining). */
export function formatBudgetReport(report: BudgetReport): string {
  const rows = [
    ['category', 'used', 'budget', 'remaining'],
    ...report.categories.map((line) => [
      LABELS[line.category],
      String(line.used),
      String(line.budget),
      String(line.remaining),
    ]),
    ['total', String(report.total.used), String(report.total.budget), String(report.total.remaining)],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}

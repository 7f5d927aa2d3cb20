import { describe, expect, it } from 'vitest';
import { formatBudgetReport, createBudgetReport } from './budget-report.js';
import { contextBudgetSchema, resolveContextBudget } from './context-budget.js';

describe('resolveContextBudget', () => {
  it('gives a { tokens } budget straight to memory', () => {
    expect(resolveContextBudget({ tokens: 1000 })).toEqual({ memoryTokens: 1000, window: null, categories: [] });
  });

  it('gives memory what the other categories leave of the window', () => {
    const resolved = resolveContextBudget({
      window: 8000,
      system: 500,
      conversation: 3000,
      responseReserve: 1000,
      tools: 500,
    });
    expect(resolved.memoryTokens).toBe(3000);
    expect(resolved.categories.map((line) => line.category)).toEqual([
      'system',
      'conversation',
      'responseReserve',
      'tools',
    ]);
  });

  it('caps an explicit memory budget by the window, taking a category overrun from memory', () => {
    expect(resolveContextBudget({ window: 8000, system: 500, memory: 2000, conversation: 3000 }).memoryTokens).toBe(
      2000,
    );
    expect(
      resolveContextBudget({
        window: 8000,
        system: 500,
        memory: 2000,
        conversation: 3000,
        used: { conversation: 6000 },
      }).memoryTokens,
    ).toBe(1500);
    expect(resolveContextBudget({ window: 1000, conversation: 500, used: { conversation: 1200 } }).memoryTokens).toBe(
      0,
    );
  });

  it('rejects categories that add up to more than the window, and unknown keys', () => {
    expect(contextBudgetSchema.safeParse({ window: 1000, system: 600, conversation: 600 }).success).toBe(false);
    expect(contextBudgetSchema.safeParse({ tokens: 10, window: 100 }).success).toBe(false);
    expect(contextBudgetSchema.safeParse({ tokens: -1 }).success).toBe(false);
    expect(contextBudgetSchema.safeParse({ window: 1000, system: 600, used: { memory: 3 } }).success).toBe(false);
  });
});

describe('createBudgetReport / formatBudgetReport', () => {
  it('reports used, budget and remaining per category and in total, as data and as a table', () => {
    const resolved = resolveContextBudget({
      window: 8000,
      system: 500,
      conversation: 3000,
      responseReserve: 1000,
      used: { system: 320, conversation: 2100 },
    });
    const report = createBudgetReport(resolved, 900);
    expect(report.window).toBe(8000);
    expect(report.categories.map((line) => [line.category, line.used, line.budget, line.remaining])).toEqual([
      ['system', 320, 500, 180],
      ['memory', 900, 3500, 2600],
      ['conversation', 2100, 3000, 900],
      ['responseReserve', 0, 1000, 1000],
    ]);
    expect(report.total).toEqual({ used: 3320, budget: 8000, remaining: 4680 });
    const table = formatBudgetReport(report).split('\n');
    expect(table[0]).toMatch(/^category\s+used\s+budget\s+remaining$/);
    expect(table).toContain('memory             900    3500       2600');
    expect(table.at(-1)).toMatch(/^total\s+3320\s+8000\s+4680$/);
  });

  it('reports a { tokens } budget as memory alone', () => {
    const report = createBudgetReport(resolveContextBudget({ tokens: 1000 }), 640);
    expect(report.categories).toEqual([{ category: 'memory', used: 640, budget: 1000, remaining: 360 }]);
    expect(report.total).toEqual({ used: 640, budget: 1000, remaining: 360 });
  });
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FilledStore, fillInspectorStore } from './fill-inspector-store.js';
import { CHROMIUM_PATH, HAS_CHROMIUM, type LaunchedChromium, launchChromium } from './launch-chromium.js';
import { makeTempDirectory } from './run-bin.js';
import { type RunningInspector, startInspector } from './start-inspector.js';

if (!HAS_CHROMIUM) {
  // Loud on purpose: a skipped browser suite must never read as a passed one.
  console.warn(
    `SKIPPED inspector browser tests: no ${CHROMIUM_PATH} (apt-get install chromium; .ci/run does it on CI).`,
  );
}

describe.skipIf(!HAS_CHROMIUM)(`resonant inspect in a real browser (${CHROMIUM_PATH})`, () => {
  let filled: FilledStore;
  let inspector: RunningInspector;
  let browser: LaunchedChromium;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const file = path.join(makeTempDirectory(), 'memory.db');
    filled = await fillInspectorStore(file);
    inspector = await startInspector(['--path', file]);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(inspector.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
  });

  /** The text of one column of a sortable table, row by row. */
  async function column(testId: string, label: string): Promise<string[]> {
    const table = page.getByTestId(testId);
    const labels = await table.locator('thead th').allInnerTexts();
    const index = labels.findIndex((text) => text.replace(/[ ▾▴]+$/, '') === label);
    expect(index, `column ${label} in ${labels.join(', ')}`).toBeGreaterThanOrEqual(0);
    return table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
  }

  async function openTab(name: string): Promise<void> {
    await page.getByRole('tab', { name }).click();
    await expect.poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
  }

  let recencyNow: Map<string, string>;

  it('shows the store and the memories of the first namespace, and none of the other', async () => {
    await page.getByTestId('memories-table').waitFor();
    await expect.poll(() => page.getByTestId('store').innerText()).toMatch(/memory\.db · \d+ memories · /);
    expect(await page.locator('nav.namespaces').innerText()).toContain(filled.namespace);
    const texts = await column('memories-table', 'text');
    expect(texts.length).toBeGreaterThanOrEqual(23);
    expect(texts).toContain('Ana adopted a grey cat named Mochi from the shelter in Kyoto.');
    expect(texts).toContain('アナは京都の大学で看護を勉強している。');
    expect(texts.join('\n')).not.toContain('lighthouse');
    expect(await page.getByTestId('memory-count').innerText()).toBe(`${texts.length} memories`);
    const ids = await column('memories-table', 'id');
    const recency = await column('memories-table', 'recency');
    recencyNow = new Map(ids.map((id, row) => [id, recency[row]!]));
    expect(recencyNow.get(`m:${filled.cat}`)).toMatch(/^(0|1)\.\d\d$/);
  });

  it('runs a query: ranked hits with each signal’s share, the context block and its budget table', async () => {
    await page.getByTestId('query-input').fill('grey cat Mochi');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByTestId('view-query').waitFor();
    const hits = page.getByTestId('hit');
    await hits.first().waitFor();
    expect(await hits.count()).toBeGreaterThan(1);
    expect(await hits.first().innerText()).toContain('Mochi');
    for (const row of await hits.all()) {
      const shares = (await row.locator('td[data-part] .share').allInnerTexts()).map((share) =>
        Number(share.replace('%', '')),
      );
      // One column per signal; the store has no extra scorer, so these five make the whole score,
      // each rounded to a whole percent.
      expect(shares).toHaveLength(5);
      expect(await row.locator('.bar-cell [aria-label]').getAttribute('aria-label')).toMatch(/extra 0%$/);
      expect(Math.abs(shares.reduce((sum, share) => sum + share, 0) - 100)).toBeLessThanOrEqual(3);
    }
    const scores = (await page.getByTestId('hit-score').allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    await page.getByTestId('context-text').waitFor();
    const context = await page.getByTestId('context-text').innerText();
    expect(context).toMatch(/^<memories>/);
    expect(context).toContain('Mochi');
    const total = await page.getByTestId('budget-table').locator('tr.total td').allInnerTexts();
    const [used, budget, remaining] = total.slice(1).map(Number);
    expect(budget).toBe(400);
    expect(used).toBeGreaterThan(0);
    expect(used! + remaining!).toBe(budget);
    expect(await page.getByTestId('included').locator('tbody tr').count()).toBeGreaterThan(0);
  });

  it('moves the time slider: the day shows, recency falls in the replay and in the memories table', async () => {
    await openTab('Decay replay');
    await page.getByTestId('replay-hits').waitFor();
    const before = (await page.getByTestId('replay-recency').allInnerTexts()).map(Number);
    expect(before.length).toBeGreaterThan(0);
    await page.getByTestId('day-slider').fill('30');
    await expect.poll(() => page.getByTestId('day-label').innerText()).toBe('+30 d');
    expect(await page.getByTestId('simulated-day').innerText()).toBe('simulated: day +30');
    await expect.poll(() => page.getByTestId('replay-hits').locator('th').first().innerText()).toBe('rank on day 30');
    await expect
      .poll(async () => Math.max(...(await page.getByTestId('replay-recency').allInnerTexts()).map(Number)))
      .toBeLessThan(Math.max(...before));
    expect(await page.locator('.uplot canvas').count()).toBeGreaterThan(0);

    await openTab('Memories');
    await page.getByTestId('memories-table').waitFor();
    await expect
      .poll(async () => {
        const ids = await column('memories-table', 'id');
        const recency = await column('memories-table', 'recency');
        return Number(recency[ids.indexOf(`m:${filled.cat}`)]);
      })
      .toBeLessThan(Number(recencyNow.get(`m:${filled.cat}`)));
    await openTab('Decay replay');
    await page.getByTestId('reset-simulation').click();
    await expect.poll(() => page.getByTestId('simulated-day').innerText()).toBe('now');
  });

  it('drills down from a summary to its source turns', async () => {
    await openTab('Summaries');
    const summaries = page.getByTestId('summary');
    await summaries.first().waitFor();
    expect(await summaries.count()).toBeGreaterThan(0);
    await summaries.first().click();
    const turns = page.getByTestId('source-turns').locator('li');
    await turns.first().waitFor();
    expect(await turns.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('drill-down').innerText()).toMatch(/Source turns \(\d+\)/);
  });

  it('draws the entity graph and lists the memories that name an entity', async () => {
    await openTab('Entities');
    await page.getByTestId('entity-graph').waitFor();
    expect(await page.getByTestId('entity-node').count()).toBeGreaterThanOrEqual(2);
    const list = page.getByTestId('entity-list');
    expect(await list.innerText()).toMatch(/Mochi/);
    expect(await list.innerText()).toMatch(/Yuki/);
    await list.getByRole('button', { name: 'Mochi', exact: true }).click();
    const backlinks = page.getByTestId('backlinks').locator('li');
    await backlinks.first().waitFor();
    for (const text of await backlinks.allInnerTexts()) expect(text).toContain('Mochi');
  });

  it('shows the feedback history: which memory went up, which went down', async () => {
    await openTab('Feedback');
    const table = page.getByTestId('feedback-table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const cat = rows.filter({ hasText: filled.cat });
    const tea = rows.filter({ hasText: filled.tea });
    expect(await cat.locator('span.up').count()).toBeGreaterThan(0);
    expect(await tea.locator('span.down').count()).toBeGreaterThan(0);
    expect(await cat.innerText()).toContain('Mochi');
  });

  it('finds Japanese memories for a Japanese query, and says "1 memory" for a namespace of one', async () => {
    await page.getByTestId('query-input').fill('寿司');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByTestId('hit').first().waitFor();
    expect(await page.getByTestId('hit').first().innerText()).toContain('寿司');
    await page.locator('nav.namespaces').getByRole('button', { name: filled.other }).click();
    await openTab('Memories');
    await expect.poll(() => page.getByTestId('memory-count').innerText()).toMatch(/^1 memory;/);
    expect(await column('memories-table', 'text')).toEqual(['Bo keeps a secret diary about the lighthouse.']);
  });

  it('logged no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

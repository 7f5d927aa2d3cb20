// Takes the README's screenshots of `resonant inspect` on the test fixture store:
//   pnpm build && pnpm exec tsx packages/cli/scripts/screenshots.ts
// Writes docs/images/inspector-*.png. Needs Debian's chromium (/usr/bin/chromium).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { fillInspectorStore } from '../test/fill-inspector-store.js';
import { CHROMIUM_PATH, HAS_CHROMIUM, launchChromium } from '../test/launch-chromium.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

const OUTPUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/images');

async function shoot(page: Page, name: string): Promise<void> {
  // Let d3-force settle and uPlot draw before the picture.
  await page.waitForTimeout(1500);
  const file = path.join(OUTPUT, `inspector-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

/** `resonant inspect` on the file (test/start-inspector.ts is bound to vitest, so not reused here). */
async function startInspector(file: string) {
  const child = spawn(process.execPath, [BIN, 'inspect', '--port', '0', '--json', '--path', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const { url } = JSON.parse(chunk.toString('utf8').split('\n')[0]!) as { url: string };
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) throw new Error(`no ${CHROMIUM_PATH}: apt-get install chromium`);
  mkdirSync(OUTPUT, { recursive: true });
  const directory = mkdtempSync(path.join(os.tmpdir(), 'resonant-screenshots-'));
  const file = path.join(directory, 'memory.db');
  await fillInspectorStore(file);
  const inspector = await startInspector(file);
  const browser = await launchChromium({ width: 1440, height: 900 });
  try {
    const page = await browser.context.newPage();
    await page.goto(inspector.url);
    await page.getByTestId('memories-table').waitFor();
    await shoot(page, 'memories');

    await page.getByTestId('query-input').fill('What is the cat called?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByTestId('hit').first().waitFor();
    await page.getByTestId('budget-table').waitFor();
    await shoot(page, 'query');

    await page.getByRole('tab', { name: 'Decay replay' }).click();
    await page.getByTestId('replay-hits').waitFor();
    await page.getByTestId('day-slider').fill('20');
    await page.getByTestId('simulate-retrieval').click();
    await page.getByTestId('simulation-message').waitFor();
    await page.getByTestId('day-slider').fill('45');
    await shoot(page, 'replay');
    await page.getByTestId('reset-simulation').click();

    await page.getByRole('tab', { name: 'Summaries' }).click();
    await page.getByTestId('summary').first().click();
    await page.getByTestId('source-turns').waitFor();
    await shoot(page, 'summaries');

    await page.getByRole('tab', { name: 'Entities' }).click();
    await page.getByTestId('entity-graph').waitFor();
    await page.getByTestId('entity-list').getByRole('button', { name: 'Mochi', exact: true }).click();
    await page.getByTestId('backlinks').waitFor();
    await shoot(page, 'entities');
  } finally {
    await browser.close();
    await inspector.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium: playwright-core brings no browser of its own, and none can be downloaded here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether the browser tests can run; `.ci/run` installs it with apt when it is missing. */
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

// Headless, and nothing that would reach for the network or a GPU on a CI box.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile in a temp dir; `close` removes the profile too. */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches the system chromium with a throwaway user-data-dir and a fixed viewport. */
export async function launchChromium(options: { width?: number; height?: number } = {}): Promise<LaunchedChromium> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'resonant-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

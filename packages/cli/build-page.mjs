// Bundles the inspector page (page/*.tsx, Preact, uPlot, d3-force and their CSS) into dist/page,
// which the inspector serves as its only files: nothing is fetched from a CDN at run time.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('./dist/page/', import.meta.url);
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { app: new URL('./page/main.tsx', import.meta.url).pathname },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: outdir.pathname,
  logLevel: 'warning',
  legalComments: 'eof',
});
copyFileSync(new URL('./page/index.html', import.meta.url), new URL('index.html', outdir));

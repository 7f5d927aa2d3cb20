import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One file the page is made of, read once at start. */
export interface InspectorAsset {
  body: Buffer;
  contentType: string;
}

// The only files the inspector serves, by URL path. Nothing is looked up on disk by a request's
// path: a URL that is not a key here is a 404, so no path can reach outside the page.
const PAGE_FILES: Readonly<Record<string, { file: string; contentType: string }>> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', contentType: 'text/css; charset=utf-8' },
};

/** The built page (`dist/page`, written by the package build), keyed by URL path. */
export function loadInspectorAssets(): ReadonlyMap<string, InspectorAsset> {
  const directory = new URL('../page/', import.meta.url);
  return new Map(
    Object.entries(PAGE_FILES).map(([urlPath, { file, contentType }]) => {
      const location = fileURLToPath(new URL(file, directory));
      return [urlPath, { body: readFileSync(location), contentType }];
    }),
  );
}

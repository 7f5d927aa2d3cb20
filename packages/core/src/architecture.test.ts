import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of core, lowest first. A file may import its own directory and any directory of a
 * lower layer; directories that share a layer are peers and may not import each other. ARCHITECTURE.md
 * says what each one owns; a new directory must be placed here before its first import is checked.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors'],
  ['text'],
  ['records'],
  ['affect', 'compress', 'embed'],
  ['store'],
  ['entities'],
  ['recall'],
  ['remember', 'transfer', 'budget', 'research', 'testing'],
  ['consolidate', 'feedback'],
  ['memory'],
  ['persona', 'items'],
  ['conversation'],
  ['bin', '(entry)'],
];

const source = dirname(fileURLToPath(import.meta.url));

/** Every non-test TypeScript file under src/, as paths relative to it with forward slashes. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const toPosix = (path: string): string => relative(source, path).split(sep).join('/');

/** The top-level directory of a file under src/; files at src/ itself are the package's entries. */
const directoryOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '(entry)');

const layerOf = (directory: string): number => LAYERS.findIndex((layer) => layer.includes(directory));

/** Relative import and re-export specifiers of a file (static, dynamic and `import type`), resolved under src/. */
function importsOf(path: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => toPosix(resolve(dirname(path), specifier.replace(/\.js$/, '.ts'))));
}

/** Every import that points to a higher layer or a peer, as "from -> to (why)". */
function layerViolations(): string[] {
  const violations: string[] = [];
  for (const path of sourceFiles(source)) {
    const file = toPosix(path);
    const from = directoryOf(file);
    for (const target of importsOf(path)) {
      const to = directoryOf(target);
      if (to === from) continue;
      if (layerOf(to) >= layerOf(from))
        violations.push(
          `${file} -> ${target} (layer ${from} may not import ${layerOf(to) === layerOf(from) ? 'its peer' : 'layer'} ${to})`,
        );
    }
  }
  return violations.sort();
}

describe('the layers of core', () => {
  it('places every directory under src/ in a layer', () => {
    const directories = [...new Set(sourceFiles(source).map((path) => directoryOf(toPosix(path))))];
    expect(directories.filter((directory) => layerOf(directory) === -1)).toEqual([]);
  });

  it('has no import from a lower layer to a higher one or between peers', () => {
    const violations = layerViolations();
    expect(violations, `upward imports:\n${violations.join('\n')}`).toEqual([]);
  });

  it('sees imports, re-exports and type imports', () => {
    // Guards the parser itself: the entry re-exports from memory/, the facade imports type-only.
    const entry = importsOf(join(source, 'index.ts'));
    expect(entry).toContain('memory/create-memory.ts');
    expect(importsOf(join(source, 'memory', 'memory.ts')).length).toBeGreaterThan(3);
  });
});

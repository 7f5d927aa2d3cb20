// Export and import throughput of the embedded store: N memories exported to JSON Lines (with the
// entity and link lines remember wrote for the names in them) and imported into a fresh store, against
// a baseline measured in the same run (rememberMany of the same texts).
// Run: pnpm build && tsx bench/export-import/main.ts [count]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMemory, type ImportResult, type Memory } from '@resonant/core';
import { writeResult } from '../lib/write-result.js';

const count = Number(process.argv[2] ?? 10_000);
const runs = 3;
const words = [
  'tea',
  'cello',
  'orchestra',
  'Kyoto',
  'sister',
  'bicycle',
  'rain',
  'birthday',
  'exam',
  'dog',
  'garden',
  'train',
  'coffee',
  'letter',
  'movie',
  'beach',
];
const texts = Array.from(
  { length: count },
  (_, index) =>
    `Memory ${index}: ${Array.from({ length: 12 }, (_, word) => words[(index * 7 + word * 3) % words.length]).join(' ')}`,
);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(step: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await step();
  return [performance.now() - start, result];
}

const results = {
  remember: [] as number[],
  export: [] as number[],
  import: [] as number[],
  bytes: 0,
  imported: null as ImportResult | null,
};
for (let run = 0; run < runs; run++) {
  const directory = mkdtempSync(join(tmpdir(), 'resonant-bench-export-'));
  const now = new Date('2024-06-01T00:00:00Z');
  const source: Memory = await createMemory({ path: join(directory, 'source.db'), clock: () => now });
  const [rememberMs] = await timed(async () => {
    for (let start = 0; start < count; start += 1000)
      await source.rememberMany(
        texts.slice(start, start + 1000).map((text) => ({ namespace: `user:${start % 3}`, text })),
      );
  });
  const [exportMs, lines] = await timed(async () => {
    const out: string[] = [];
    for await (const line of source.export()) out.push(line);
    return out;
  });
  const target = await createMemory({ path: join(directory, 'target.db'), clock: () => now });
  const [importMs, imported] = await timed(() => target.import({ lines }));
  results.remember.push(rememberMs);
  results.export.push(exportMs);
  results.import.push(importMs);
  results.bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
  results.imported = imported;
  await source.close();
  await target.close();
  rmSync(directory, { recursive: true, force: true });
}

const detail = {
  count,
  runs,
  exportBytes: results.bytes,
  medianMs: { remember: median(results.remember), export: median(results.export), import: median(results.import) },
  memoriesPerSecond: {
    remember: Math.round(count / (median(results.remember) / 1000)),
    export: Math.round(count / (median(results.export) / 1000)),
    import: Math.round(count / (median(results.import) / 1000)),
  },
  ratios: {
    importVsRemember: median(results.import) / median(results.remember),
    exportVsRemember: median(results.export) / median(results.remember),
  },
  /** What the last import wrote and skipped: memories, entities and links (the graph travels with the memories). */
  importResult: results.imported,
};
writeResult('export-import', {
  ...detail,
  // What run-all.ts shows in its combined table.
  summary: {
    'export ms': Math.round(detail.medianMs.export),
    'import ms': Math.round(detail.medianMs.import),
    'rememberMany ms (baseline)': Math.round(detail.medianMs.remember),
    'import / rememberMany': Number(detail.ratios.importVsRemember.toFixed(2)),
    'export MB': Number((detail.exportBytes / 1e6).toFixed(1)),
    'links imported': detail.importResult?.links ?? 0,
  },
});
console.log(
  `export/import of ${count} memories (embedded store, median of ${runs}; export ${(results.bytes / 1e6).toFixed(1)} MB with ${results.imported?.entities} entities and ${results.imported?.links} links)`,
);
console.table({
  'rememberMany (baseline)': {
    ms: Math.round(detail.medianMs.remember),
    'memories/s': detail.memoriesPerSecond.remember,
  },
  export: { ms: Math.round(detail.medianMs.export), 'memories/s': detail.memoriesPerSecond.export },
  import: { ms: Math.round(detail.medianMs.import), 'memories/s': detail.memoriesPerSecond.import },
});

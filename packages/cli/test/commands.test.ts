import path from 'node:path';
import { createMemory, type MemoryRecord } from '@resonant/core';
import { describe, expect, it } from 'vitest';
import { makeTempDirectory, parseJson, runBin } from './run-bin.js';

type Hit = {
  rank: number;
  id: string;
  score: number;
  signals: { relevance: number; recency: number; arousal: number; utility: number };
  text: string;
};

function storeFile(): string {
  return path.join(makeTempDirectory(), 'nested', 'memory.db');
}

describe('resonant remember / recall', () => {
  it('stores memories in the --path file and ranks them, every signal shown', async () => {
    const file = storeFile();
    const cat = parseJson<{ outcome: string; memory: MemoryRecord }>(
      await runBin([
        'remember',
        '--path',
        file,
        '--text',
        'Alice adopted a grey cat named Mochi.',
        '--kind',
        'fact',
        '--json',
      ]),
    );
    expect(cat).toMatchObject({
      outcome: 'created',
      memory: { kind: 'fact', text: 'Alice adopted a grey cat named Mochi.', namespace: 'default' },
    });
    const human = await runBin([
      'remember',
      '--path',
      file,
      '--text',
      'Alice drinks green tea after dinner.',
      '--arousal',
      '0.7',
    ]);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toMatch(/^remembered m:[0-9a-z]+ in default\n$/);

    const hits = parseJson<Hit[]>(await runBin(['recall', '--path', file, '--query', 'grey cat', '--json']));
    expect(hits[0]).toMatchObject({ rank: 1, id: cat.memory.id, text: 'Alice adopted a grey cat named Mochi.' });
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(Object.keys(hits[0]!.signals)).toEqual(
      expect.arrayContaining(['relevance', 'recency', 'arousal', 'utility', 'phrase', 'lexicalRank', 'vectorRank']),
    );

    const table = await runBin(['recall', '--path', file, '--query', 'grey cat', '--limit', '1']);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      '1 memory for "grey cat" in default, best first:',
      expect.stringMatching(/^rank +id +score +relevance +recency +arousal +utility +text$/),
      expect.stringMatching(
        new RegExp(`^#1 +m:${cat.memory.id} +0\\.\\d{3} .*Alice adopted a grey cat named Mochi\\.$`),
      ),
    ]);
  });

  it('never reinforces: recall is a look, not a use', async () => {
    const file = storeFile();
    const { memory } = parseJson<{ memory: MemoryRecord }>(
      await runBin(['remember', '--path', file, '--text', 'Bob plays the cello.', '--json']),
    );
    await runBin(['recall', '--path', file, '--query', 'cello']);
    await runBin(['context', '--path', file, '--query', 'cello', '--tokens', '200']);
    const stored = await withMemory(file, (m) => m.get(memory.id));
    expect(stored!.accessCount).toBe(0);
  });

  it('keeps namespaces apart, in Japanese too', async () => {
    const file = storeFile();
    await runBin(['remember', '--path', file, '--namespace', 'user:ana', '--text', '東京で寿司を食べた。']);
    await runBin(['remember', '--path', file, '--namespace', 'user:ana', '--text', '京都で抹茶を飲んだ。']);
    await runBin(['remember', '--path', file, '--namespace', 'user:bo', '--text', '大阪で寿司を食べた。']);
    const ana = parseJson<Hit[]>(
      await runBin(['recall', '--path', file, '--namespace', 'user:ana', '--query', '寿司', '--json']),
    );
    expect(ana.map((hit) => hit.text)).toContain('東京で寿司を食べた。');
    expect(ana.map((hit) => hit.text)).not.toContain('大阪で寿司を食べた。');
    const none = await runBin(['recall', '--path', file, '--namespace', 'user:carol', '--query', '寿司']);
    expect(none).toMatchObject({ code: 0, stdout: 'No memories match "寿司" in user:carol.\n' });
    expect(parseJson<string[]>(await runBin(['namespaces', '--path', file, '--json']))).toEqual([
      'user:ana',
      'user:bo',
    ]);
    expect((await runBin(['namespaces', '--path', file])).stdout).toBe('user:ana\nuser:bo\n');
  });
});

describe('resonant context', () => {
  it('prints the exact block and its budget table, and the same as JSON', async () => {
    const file = storeFile();
    await runBin(['remember', '--path', file, '--text', 'Alice adopted a grey cat named Mochi.']);
    await runBin(['remember', '--path', file, '--text', 'Alice is afraid of thunderstorms.']);
    const json = parseJson<{
      text: string;
      tokens: number;
      report: { lines: { category: string; used: number; budget: number }[] };
    }>(
      await runBin(['context', '--path', file, '--query', 'What is the name of the cat?', '--tokens', '300', '--json']),
    );
    expect(json.text).toMatch(/^<memories>\n[\s\S]*Mochi[\s\S]*<\/memories>$/);
    expect(json.tokens).toBeGreaterThan(0);
    expect(json.tokens).toBeLessThanOrEqual(300);
    const human = await runBin([
      'context',
      '--path',
      file,
      '--query',
      'What is the name of the cat?',
      '--tokens',
      '300',
    ]);
    expect(human.stdout.startsWith(`${json.text}\n\n`)).toBe(true);
    expect(human.stdout).toMatch(/category +used +budget +remaining\n/);
    expect(human.stdout).toMatch(new RegExp(`total +${json.tokens} +300 +${300 - json.tokens}\\n$`));
  });

  it('says so when nothing fits', async () => {
    const file = storeFile();
    const run = await runBin(['context', '--path', file, '--query', 'anything', '--tokens', '100']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('(no memory fits this query)\n')).toBe(true);
  });
});

describe('resonant feedback', () => {
  it('applies the memory traces of a model output to the cited memories', async () => {
    const file = storeFile();
    const { memory } = parseJson<{ memory: MemoryRecord }>(
      await runBin(['remember', '--path', file, '--text', 'Alice drinks green tea after dinner.', '--json']),
    );
    const output = `You have it after dinner, right? <memory_trace id="m:${memory.id}" resonance="1"/><memory_trace id="m:nosuchmemory" resonance="0.5"/>`;
    const run = await runBin(['feedback', '--path', file, '--text', output]);
    expect(run.stdout.split('\n')).toEqual([
      'applied 1 trace, ignored 1',
      `  m:${memory.id} resonance 1.00`,
      '  m:nosuchmemory not found',
      '',
    ]);
    const after = await withMemory(file, (m) => m.get(memory.id));
    expect(after!.utility).toBeGreaterThan(0.5);
    const json = parseJson<{ applied: { id: string }[] }>(
      await runBin(['feedback', '--path', file, '--text', output, '--json']),
    );
    expect(json.applied.map((trace) => trace.id)).toEqual([memory.id]);
  });
});

describe('resonant stats', () => {
  it('describes the whole store, with plurals right', async () => {
    const file = storeFile();
    const empty = await runBin(['stats', '--path', file]);
    expect(empty.stdout.split('\n')[0]).toBe('0 memories in 0 namespaces');
    await runBin(['remember', '--path', file, '--namespace', 'a', '--text', 'One thing.']);
    const one = await runBin(['stats', '--path', file]);
    expect(one.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        '1 memory in 1 namespace',
        expect.stringMatching(/^embedder \S+ \(\d+ dimensions\)$/),
        expect.stringMatching(/^a +1$/),
      ]),
    );
    await runBin(['remember', '--path', file, '--namespace', 'b', '--text', 'Another thing.']);
    const stats = parseJson<{
      count: number;
      namespaces: { namespace: string; count: number }[];
      file: { bytes: number };
    }>(await runBin(['stats', '--path', file, '--json']));
    expect(stats).toMatchObject({
      count: 2,
      namespaces: [
        { namespace: 'a', count: 1 },
        { namespace: 'b', count: 1 },
      ],
    });
    expect(stats.file.bytes).toBeGreaterThan(0);
  });
});

describe('the default store', () => {
  it('is ./.resonant/memory.db in the working directory', async () => {
    const cwd = makeTempDirectory();
    await runBin(['remember', '--text', 'Stored in the default place.'], { cwd });
    expect((await withMemory(path.join(cwd, '.resonant', 'memory.db'), (m) => m.stats())).count).toBe(1);
  });
});

async function withMemory<T>(
  file: string,
  use: (memory: Awaited<ReturnType<typeof createMemory>>) => Promise<T>,
): Promise<T> {
  const memory = await createMemory({ path: file });
  try {
    return await use(memory);
  } finally {
    await memory.close();
  }
}

import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { createMemory, SqliteStore } from '@resonant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInspectorStore, type FilledStore } from './fill-inspector-store.js';
import { makeTempDirectory, runBin } from './run-bin.js';
import { api, rawRequest, startInspector, type RunningInspector } from './start-inspector.js';

type Hit = {
  memory: { id: string; namespace: string; accessCount: number };
  score: number;
  parts: Record<string, number>;
};

let file: string;
let filled: FilledStore;
let inspector: RunningInspector;

beforeAll(async () => {
  file = path.join(makeTempDirectory(), 'memory.db');
  filled = await fillInspectorStore(file);
  inspector = await startInspector(['--path', file]);
});

afterAll(async () => {
  await inspector?.stop();
});

const PARTS = ['relevance', 'recency', 'arousal', 'utility', 'phrase', 'extra'];

describe('resonant inspect: the server', () => {
  it('listens on 127.0.0.1 and serves the page with a strict content security policy', async () => {
    expect(inspector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await rawRequest(inspector.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="/app.js"></script>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    const script = await rawRequest(inspector.port, { path: '/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body.length).toBeGreaterThan(10_000);
    expect(script.body).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
  });

  it.runIf(externalAddress() !== undefined)('is not reachable on any other interface', async () => {
    const address = externalAddress()!;
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: address, port: inspector.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('refuses a Host or Origin that is not its own (DNS rebinding, other sites)', async () => {
    const refused: Record<string, string>[] = [
      { host: 'attacker.example' },
      { host: `attacker.example:${inspector.port}` },
      { host: `127.0.0.1.nip.io:${inspector.port}` },
      { host: `127.0.0.1:${inspector.port}`, origin: 'http://attacker.example' },
      { host: `localhost:${inspector.port}`, origin: `http://attacker.example:${inspector.port}` },
      { host: `127.0.0.1:${inspector.port}`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refused) {
      for (const requestPath of ['/', '/app.js', `/api/memories?namespace=${encodeURIComponent(filled.namespace)}`]) {
        const response = await rawRequest(inspector.port, { path: requestPath, headers });
        expect({ headers, requestPath, status: response.status }).toEqual({ headers, requestPath, status: 403 });
        expect(response.body).not.toContain('Mochi');
      }
    }
    expect(
      (await rawRequest(inspector.port, { path: '/', headers: { host: `localhost:${inspector.port}` } })).status,
    ).toBe(200);
  });

  it('never serves a file outside its own assets, however the path is spelled', async () => {
    const attempts = [
      '/../package.json',
      '/../../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/app.js/../../../package.json',
      '/page/index.html',
      '/dist/main.js',
      '//etc/passwd',
      '/..\\..\\package.json',
      '/%2e%2e%5c%2e%2e%5cpackage.json',
      `/${'../'.repeat(12)}etc/passwd`,
      '/api/../../package.json',
      '/app.js%00.html',
      'http://127.0.0.1/../../etc/passwd',
      '*',
    ];
    for (const attempt of attempts) {
      const response = await rawRequest(inspector.port, { path: attempt });
      expect({ attempt, status: response.status }).toEqual({ attempt, status: expect.any(Number) });
      expect(response.status === 404 || response.status === 400).toBe(true);
      expect(response.body).not.toMatch(/"name": "@resonant|root:x:0:0|#!\/usr\/bin\/env node/);
    }
  });

  it('is read-only without --write: the store is not changed, the sandbox may be', async () => {
    const refused = await api<{ error: string }>(inspector, '/api/remember', {
      namespace: filled.namespace,
      text: 'Injected by a page.',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/read-only.*--write/);
    expect(
      (
        await api(inspector, '/api/apply-feedback', {
          namespace: filled.namespace,
          text: `<memory_trace id="m:${filled.cat}" resonance="1"/>`,
        })
      ).status,
    ).toBe(403);
    expect((await api(inspector, '/api/consolidate', { namespace: filled.namespace })).status).toBe(403);
    // A form post (no JSON) is refused before it reaches any route.
    const form = await rawRequest(inspector.port, {
      method: 'POST',
      path: '/api/simulation/retrieve',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);

    const before = await recordOf(filled.cat);
    const retrieved = await api<{ hits: Hit[] }>(inspector, '/api/simulation/retrieve', {
      namespace: filled.namespace,
      query: 'grey cat Mochi',
      day: 10,
    });
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.hits.map((hit) => hit.memory.id)).toContain(filled.cat);
    const after = await recordOf(filled.cat);
    expect(after.accessCount).toBe(before.accessCount);
    expect(after.lastAccessedAt).toEqual(before.lastAccessedAt);
    expect(await count()).toBe(await countBefore);
    await api(inspector, '/api/simulation/reset', { namespace: filled.namespace });
  });

  it('explains recall: the parts of each score add up to it, and namespaces stay apart', async () => {
    const { status, body } = await api<{ hits: Hit[] }>(
      inspector,
      `/api/recall?namespace=${encodeURIComponent(filled.namespace)}&query=${encodeURIComponent('grey cat Mochi')}`,
    );
    expect(status).toBe(200);
    expect(body.hits.length).toBeGreaterThan(0);
    for (const hit of body.hits) {
      expect(hit.memory.namespace).toBe(filled.namespace);
      expect(PARTS.reduce((sum, part) => sum + hit.parts[part]!, 0)).toBeCloseTo(hit.score, 10);
    }
    const other = await api<{ hits: Hit[] }>(
      inspector,
      `/api/recall?namespace=${encodeURIComponent(filled.other)}&query=Mochi`,
    );
    expect(other.body.hits.every((hit) => hit.memory.namespace === filled.other)).toBe(true);
    const feedback = await api<{ entries: { memoryId: string }[] }>(
      inspector,
      `/api/feedback?namespace=${encodeURIComponent(filled.other)}`,
    );
    expect(feedback.body.entries).toEqual([]);
  });

  it('answers every view: memories, context and budget, summaries and drill-down, entities, feedback, persona, replay', async () => {
    const ns = encodeURIComponent(filled.namespace);
    const memories = await api<{ memories: { id: string; recency: number; halfLifeDays: number; stage: string }[] }>(
      inspector,
      `/api/memories?namespace=${ns}&day=30`,
    );
    const cat = memories.body.memories.find((memory) => memory.id === filled.cat)!;
    expect(cat.halfLifeDays).toBeGreaterThan(7);
    expect(cat.recency).toBeGreaterThan(0);
    expect(cat.recency).toBeLessThan(1);

    const context = await api<{
      text: string;
      tokens: number;
      report: { total: { used: number; budget: number } };
      included: { mode: string }[];
    }>(inspector, `/api/context?namespace=${ns}&query=${encodeURIComponent('What is the cat called?')}&tokens=120`);
    expect(context.body.text).toMatch(/^<memories>/);
    expect(context.body.tokens).toBeLessThanOrEqual(120);
    expect(context.body.report.total).toMatchObject({ used: context.body.tokens, budget: 120 });

    const summaries = await api<{ summaries: { id: string; level: number; children: string[] }[] }>(
      inspector,
      `/api/summaries?namespace=${ns}`,
    );
    expect(summaries.body.summaries.length).toBeGreaterThan(0);
    const top = [...summaries.body.summaries].sort((a, b) => b.level - a.level)[0]!;
    const drill = await api<{ depth: number; raw: { level: number | null }[] }>(
      inspector,
      `/api/drill-down?namespace=${ns}&id=${top.id}`,
    );
    expect(drill.body.depth).toBe(top.level + 1);
    expect(drill.body.raw.length).toBeGreaterThan(0);
    expect(drill.body.raw.every((memory) => memory.level === null)).toBe(true);

    const entities = await api<{ entities: { name: string }[]; mentions: unknown[] }>(
      inspector,
      `/api/entities?namespace=${ns}`,
    );
    expect(entities.body.entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(['Mochi', 'Yuki']));
    expect(entities.body.mentions.length).toBeGreaterThan(0);
    const mochi = await api<{ memories: { text: string }[] }>(inspector, `/api/entity?namespace=${ns}&name=Mochi`);
    expect(mochi.body.memories.every((memory) => memory.text.includes('Mochi'))).toBe(true);

    const feedback = await api<{
      entries: { memoryId: string; before: { utility: number }; after: { utility: number } }[];
    }>(inspector, `/api/feedback?namespace=${ns}`);
    const byId = new Map(feedback.body.entries.map((entry) => [entry.memoryId, entry]));
    expect(byId.get(filled.cat)!.after.utility).toBeGreaterThan(byId.get(filled.cat)!.before.utility);
    expect(byId.get(filled.tea)!.after.utility).toBeLessThan(byId.get(filled.tea)!.before.utility);

    const persona = await api<{
      present: boolean;
      drives: { goalDrive: number; curiosity: number };
      goals: { text: string }[];
    }>(inspector, `/api/persona?namespace=${ns}`);
    expect(persona.body.present).toBe(true);
    expect(persona.body.drives.goalDrive).toBeCloseTo(0.8, 5);
    expect(persona.body.goals.map((goal) => goal.text)).toEqual(['Help Ana get ready for her nursing exam']);
    expect(
      (await api<{ present: boolean }>(inspector, `/api/persona?namespace=${encodeURIComponent(filled.other)}`)).body
        .present,
    ).toBe(false);

    const replay = await api<{ days: number[]; series: { id: string; recency: number[] }[] }>(
      inspector,
      `/api/simulation/replay?namespace=${ns}&ids=${filled.cat}&days=60`,
    );
    const curve = replay.body.series[0]!.recency;
    expect(replay.body.days).toHaveLength(61);
    for (let day = 1; day < curve.length; day++) expect(curve[day]!).toBeLessThanOrEqual(curve[day - 1]!);
  });

  it('replays reinforcement: a simulated retrieval lifts the curve from its day on, and time only moves forward', async () => {
    const ns = filled.namespace;
    const curveOf = async () =>
      (
        await api<{ series: { recency: number[] }[] }>(
          inspector,
          `/api/simulation/replay?namespace=${encodeURIComponent(ns)}&ids=${filled.cat}&days=60`,
        )
      ).body.series[0]!.recency;
    const before = await curveOf();
    expect(
      (await api(inspector, '/api/simulation/retrieve', { namespace: ns, query: 'grey cat Mochi', day: 20 })).status,
    ).toBe(200);
    const after = await curveOf();
    after.slice(0, 20).forEach((recency, day) => expect(recency).toBeCloseTo(before[day]!, 5));
    expect(after[20]).toBeCloseTo(1, 10);
    expect(after[40]! - before[40]!).toBeGreaterThan(0.1);
    const back = await api<{ error: string }>(inspector, '/api/simulation/retrieve', {
      namespace: ns,
      query: 'cat',
      day: 5,
    });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatch(/day 20/);
    await api(inspector, '/api/simulation/reset', { namespace: ns });
    // Day 0 of the new simulation is a few milliseconds later: the same curve, to the precision of that.
    const again = await curveOf();
    again.forEach((recency, day) => expect(recency).toBeCloseTo(before[day]!, 5));
  });

  it('answers bad requests with a 400 and a message', async () => {
    expect((await api<{ error: string }>(inspector, '/api/recall?namespace=&query=x')).status).toBe(400);
    expect(
      (await api<{ error: string }>(inspector, `/api/recall?namespace=${encodeURIComponent(filled.namespace)}`)).body
        .error,
    ).toBe('query is required');
    expect(
      (
        await api<{ error: string }>(
          inspector,
          `/api/memories?namespace=${encodeURIComponent(filled.namespace)}&day=-1`,
        )
      ).status,
    ).toBe(400);
    const broken = await rawRequest(inspector.port, {
      method: 'POST',
      path: '/api/simulation/retrieve',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect((await rawRequest(inspector.port, { method: 'DELETE', path: '/' })).status).toBe(405);
  });
});

describe('resonant inspect --write', () => {
  it('lets the page remember, apply feedback and consolidate', async () => {
    const store = path.join(makeTempDirectory(), 'memory.db');
    const writable = await startInspector(['--path', store, '--write']);
    try {
      const remembered = await api<{ memory: { id: string } }>(writable, '/api/remember', {
        namespace: 'user:ana',
        text: 'Ana likes jazz on rainy evenings.',
      });
      expect(remembered.status).toBe(200);
      const applied = await api<{ applied: { id: string }[] }>(writable, '/api/apply-feedback', {
        namespace: 'user:ana',
        text: `<memory_trace id="m:${remembered.body.memory.id}" resonance="1"/>`,
      });
      expect(applied.body.applied.map((trace) => trace.id)).toEqual([remembered.body.memory.id]);
      expect((await api(writable, '/api/consolidate', { namespace: 'user:ana' })).status).toBe(200);
      // A post from another origin is refused even with --write.
      const forged = await rawRequest(writable.port, {
        method: 'POST',
        path: '/api/remember',
        headers: { 'content-type': 'application/json', origin: 'http://attacker.example' },
        body: JSON.stringify({ namespace: 'user:ana', text: 'forged' }),
      });
      expect(forged.status).toBe(403);
    } finally {
      expect(await writable.stop()).toBe(0);
    }
    const memory = await createMemory({ store: new SqliteStore({ path: store }) });
    try {
      expect((await memory.stats()).count).toBe(1);
    } finally {
      await memory.close();
    }
  });

  it('fails with one line when the port is taken', async () => {
    const first = await startInspector(['--path', path.join(makeTempDirectory(), 'a.db')]);
    try {
      const second = await runBin([
        'inspect',
        '--path',
        path.join(makeTempDirectory(), 'b.db'),
        '--port',
        String(first.port),
      ]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^resonant: listen EADDRINUSE[^\n]*\n$/);
    } finally {
      await first.stop();
    }
  });
});

let countBefore: Promise<number>;
beforeAll(() => {
  countBefore = count();
});

async function count(): Promise<number> {
  const memory = await createMemory({ store: new SqliteStore({ path: file }) });
  try {
    return (await memory.stats()).count;
  } finally {
    await memory.close();
  }
}

async function recordOf(id: string) {
  const memory = await createMemory({ store: new SqliteStore({ path: file }) });
  try {
    return (await memory.get(id))!;
  } finally {
    await memory.close();
  }
}

function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;
}

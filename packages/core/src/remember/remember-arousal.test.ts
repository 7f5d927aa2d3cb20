import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateArousal } from '../affect/estimate-arousal.js';
import { createMemory } from '../memory/create-memory.js';

describe('remember without an arousal', () => {
  it('stores the text estimate, and keeps an arousal that was given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resonant-arousal-'));
    const memory = await createMemory({ path: join(dir, 'memory.db'), clock: () => new Date('2025-01-01T00:00:00Z') });
    try {
      const [excited, flat, given] = await memory.rememberMany([
        { namespace: 'ns', text: 'だいすき！嬉しすぎる！' },
        { namespace: 'ns', text: 'ふーん' },
        // Another text: the same text again would merge into the first memory (write-path dedup).
        { namespace: 'ns', text: 'だいすき！本当に嬉しすぎる！', arousal: 0.1 },
      ]);
      expect((await memory.get(excited!.memory.id))!.arousal).toBeCloseTo(
        estimateArousal('だいすき！嬉しすぎる！').arousal,
        10,
      );
      expect(excited!.memory.arousal).toBeGreaterThan(0.7);
      expect(flat!.memory.arousal).toBe(0);
      expect((await memory.get(given!.memory.id))!.arousal).toBe(0.1);
    } finally {
      await memory.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

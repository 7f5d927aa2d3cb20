import { APPLY_FEEDBACK_DEFAULTS } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeConnections, connect, textOf, type ConnectedClient } from './connect-client.js';

afterEach(closeConnections);

const ALICE = { defaultNamespace: 'user:alice/agent:mika' };

async function rememberId(connection: ConnectedClient, args: Record<string, unknown>): Promise<string> {
  return ((await connection.call('remember', args)).structuredContent as { id: string }).id;
}

describe('feedback tool', () => {
  it('applies memory traces written as tags in the model reply, and reports ids it ignored', async () => {
    const connection = await connect(ALICE);
    const helped = await rememberId(connection, { text: 'Alice is afraid of thunderstorms.' });
    const elsewhere = await rememberId(connection, { namespace: 'user:bob', text: 'Bob loves thunderstorms.' });
    // remember estimates arousal from the text when none is given: start from what was stored.
    const arousalBefore = (await connection.memory.get(helped))!.arousal;
    const elsewhereBefore = (await connection.memory.get(elsewhere))!;

    const result = await connection.call('feedback', {
      text: `Don't worry, I remember storms scare you. <memory_trace id="m:${helped}" resonance="1.0"/><memory_trace id="m:${elsewhere}" resonance="0.9"/>`,
    });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      applied: [{ id: helped, resonance: 1, reinforced: true }],
      ignored: [{ id: elsewhere, reason: 'not_found' }],
      remembered: null,
      droppedTotal: 0,
    });
    const after = (await connection.memory.get(helped))!;
    expect(after.arousal).toBeCloseTo(arousalBefore + APPLY_FEEDBACK_DEFAULTS.arousalRate * (1 - arousalBefore), 6);
    expect(after.utility).toBeCloseTo(0.5 + APPLY_FEEDBACK_DEFAULTS.utilityRate * 0.5, 6);
    expect(after.accessCount).toBe(1);
    // Another namespace's memory is untouched.
    expect(await connection.memory.get(elsewhere)).toEqual(elsewhereBefore);
    expect(textOf(result)).toContain(`Ignored, not in this namespace: m:${elsewhere}`);
  });

  it('accepts traces and emotions as data, and stores the exchange note with the appraised emotion', async () => {
    const connection = await connect(ALICE);
    const id = await rememberId(connection, { text: 'Alice passed her driving test on the third try.' });

    const result = await connection.call('feedback', {
      traces: [{ id, resonance: 0.8 }],
      emotions: [{ category: 'joy', intensity: 0.9 }],
      remember: 'Celebrated Alice passing her driving test together.',
    });

    const structured = result.structuredContent as {
      exchange: { arousal: number; valence: number; emotion: { joy: number } };
      remembered: { id: string };
    };
    expect(result.isError).toBeFalsy();
    expect(structured.exchange.valence).toBeGreaterThan(0);
    expect(structured.exchange.emotion.joy).toBeGreaterThan(0);
    const note = (await connection.memory.get(structured.remembered.id))!;
    expect(note).toMatchObject({ kind: 'episode', text: 'Celebrated Alice passing her driving test together.' });
    expect(note.arousal).toBeCloseTo(structured.exchange.arousal, 6);
    expect(note.emotion.joy).toBeCloseTo(structured.exchange.emotion.joy, 6);
  });

  it('reports malformed tags without applying them, and refuses text and data together', async () => {
    const connection = await connect(ALICE);
    const dropped = await connection.call('feedback', {
      text: 'ok <memory_trace resonance="0.5"/> <persona_emotion category="ennui"/>',
    });
    const both = await connection.call('feedback', { text: 'hi', traces: [{ id: 'x', resonance: 1 }] });
    const neither = await connection.call('feedback', {});

    expect(dropped.isError).toBeFalsy();
    expect(dropped.structuredContent).toMatchObject({ applied: [], droppedTotal: 2 });
    expect(both.isError).toBe(true);
    expect(textOf(both)).toMatch(/^invalid_input: /);
    expect(neither.isError).toBe(true);
    expect(textOf(neither)).toMatch(/^invalid_input: /);
  });
});

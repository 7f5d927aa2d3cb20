import { describe, expect, it } from 'vitest';
import { createTiktokenCounter } from '../text/token-counter.js';
import { createExtractiveSummarizer } from './extractive-summarizer.js';
import { splitClauses, splitSentences } from './split-sentences.js';

const counter = createTiktokenCounter();
const summarize = createExtractiveSummarizer({ tokenCounter: counter });

describe('createExtractiveSummarizer', () => {
  it('returns the text (whitespace collapsed) when it already fits', async () => {
    expect(await summarize({ texts: ['Short  note.\nDone.'], targetTokens: 50, preserve: [] })).toBe(
      'Short note. Done.',
    );
  });

  it('keeps the sentences with names, numbers and dates and drops small talk', async () => {
    const text =
      'Hey, good to see you! How have you been lately? I ran the Boston marathon on 17 April 2023 in 3:45 with Melanie. Anyway, the weather is nice today, right?';
    const summary = await summarize({ texts: [text], targetTokens: 25, preserve: [] });
    expect(summary).toContain('Boston marathon on 17 April 2023 in 3:45 with Melanie');
    expect(summary).not.toContain('How have you been');
    expect(counter.count(summary)).toBeLessThanOrEqual(25);
  });

  it('keeps a speaker label in front of what it selects', async () => {
    const summary = await summarize({
      texts: [
        'Caroline: Hey Mel! So good to see you again after all this time. I went to an LGBTQ support group on Friday and it was powerful.',
      ],
      targetTokens: 20,
      preserve: [],
    });
    expect(summary.startsWith('Caroline: ')).toBe(true);
    expect(summary).toContain('LGBTQ support group');
  });

  it('never shrinks a remembered exchange to its speaker labels', async () => {
    const exchange =
      'User: Today I went hiking with Hana at the cafe but I was tired. Assistant: Thanks for telling me about it.';
    for (let targetTokens = 2; targetTokens <= 24; targetTokens++) {
      const summary = await summarize({ texts: [exchange], targetTokens, preserve: ['Hana'] });
      expect(summary.replace(/(?:User|Assistant):/gu, '').trim(), `target ${targetTokens}`).not.toBe('');
      expect(summary, `target ${targetTokens}`).not.toMatch(/^User: Assistant:/u);
    }
  });

  it('favours sentences holding a preserved string', async () => {
    const text = 'We talked about the garden for a while. Then we discussed the old violin my grandfather left me.';
    expect(await summarize({ texts: [text], targetTokens: 12, preserve: ['violin'] })).toContain('violin');
  });

  it('works on Japanese and only ever returns whole sentences or clauses of the original', async () => {
    const text =
      'こんにちは、お元気ですか。昨日、田中さんと東京でラーメンを食べました。天気が良くて、散歩もしました。来週の5月3日にまた会う予定です。';
    const summary = await summarize({ texts: [text], targetTokens: 30, preserve: [] });
    expect(summary).toContain('田中さん');
    expect(summary).toContain('5月3日');
    expect(counter.count(summary)).toBeLessThan(counter.count(text));
    const pieces = new Set([...splitSentences(text), ...splitSentences(text).flatMap(splitClauses)]);
    let rest = summary;
    for (const piece of [...pieces].sort((a, b) => b.length - a.length)) rest = rest.split(piece).join('');
    expect(rest.trim()).toBe('');
  });
});

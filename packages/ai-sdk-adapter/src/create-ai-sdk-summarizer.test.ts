import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createAiSdkSummarizer } from './create-ai-sdk-summarizer.js';

describe('createAiSdkSummarizer', () => {
  it('asks the model for a bounded, faithful summary keeping the preserved terms, and returns its text', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: {
        content: [{ type: 'text', text: '  Miso saw the vet on 3 May.  ' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 9, text: 9, reasoning: 0 },
        },
        warnings: [],
      },
    });
    const summarize = createAiSdkSummarizer({ model });
    const summary = await summarize({
      texts: ['On 3 May Alice took Miso to the vet, who said the cat was healthy.'],
      targetTokens: 20,
      preserve: ['Miso', '3 May'],
    });
    expect(summary).toBe('Miso saw the vet on 3 May.');
    const call = model.doGenerateCalls[0]!;
    expect(call.maxOutputTokens).toBe(20);
    const [system, user] = call.prompt;
    expect(system).toMatchObject({ role: 'system' });
    expect(system?.role === 'system' && system.content).toContain('Keep these verbatim where they occur: Miso, 3 May.');
    expect(JSON.stringify(user)).toContain('On 3 May Alice took Miso to the vet');
  });
});

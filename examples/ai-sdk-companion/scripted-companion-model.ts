// An offline stand-in for a chat model, so the example runs with no key and no network. It reads
// the memory block the middleware put in its system prompt, picks the memories that share words
// with the user's message, mentions them, and cites them with the feedback tags a real model is
// taught to write. Its stream comes in 6-character chunks, so tags are split across chunks.
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

type Params = MockLanguageModelV3['doGenerateCalls'][number];

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};
const finishReason = { unified: 'stop', raw: 'stop' } as const;
const STOPWORDS = new Set(
  "a an and are about after again all am do for from have her his how i i'm in is it me my of on so that the this to was what with you your".split(
    ' ',
  ),
);

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.filter((word) => word.length > 2 && !STOPWORDS.has(word)) ?? [],
  );

/** The memories listed in the prompt's memory block: reference and text. */
function memoriesIn(params: Params): { reference: string; text: string }[] {
  const system = params.prompt.find((message) => message.role === 'system')?.content ?? '';
  return [...system.matchAll(/^(?:- )?(m:[A-Za-z0-9_-]+)(?: \([^)]*\))?(?: ~)?:? (.*)$/gmu)].map((match) => ({
    reference: match[1]!,
    text: match[2]!,
  }));
}

function userText(params: Params): string {
  const message = params.prompt.findLast((candidate) => candidate.role === 'user');
  return message?.role === 'user'
    ? message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ')
    : '';
}

/** What the user said in a remembered exchange ("User: … Assistant: …"), or the memory itself. */
const gist = (text: string) =>
  (text.match(/^User: (.*?)(?: Assistant:|$)/)?.[1] ?? text)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function feeling(text: string): { category: string; intensity: number; opener: string } {
  if (/passed|!!!|can't believe/i.test(text))
    return { category: 'joy', intensity: 0.95, opener: 'YES! I knew you could do it!' };
  if (/nervous|worried|scared|exam/i.test(text))
    return { category: 'anxiety', intensity: 0.5, opener: "That sounds like a lot. I'm here with you." };
  if (/remember/i.test(text)) return { category: 'love', intensity: 0.6, opener: 'Of course I remember!' };
  if (/haha|lol|funny/i.test(text)) return { category: 'joy', intensity: 0.5, opener: 'Ha, I can picture it!' };
  return { category: 'calm', intensity: 0.3, opener: 'Thanks for telling me.' };
}

/** The reply, tags included, that the scripted companion gives to one call. */
export function scriptedReply(params: Params): string {
  const said = userText(params);
  const asked = words(said);
  const relevant = memoriesIn(params)
    .map((memory) => ({ ...memory, overlap: [...words(gist(memory.text))].filter((word) => asked.has(word)).length }))
    .filter((memory) => memory.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap)
    .slice(0, 2);
  const mood = feeling(said);
  const recalled = relevant.map(
    (memory) =>
      ` I remember you told me: "${gist(memory.text)}"<memory_trace id="${memory.reference}" resonance="${Math.min(1, 0.5 + 0.2 * memory.overlap).toFixed(1)}"/>`,
  );
  return `${mood.opener}${recalled.join('')} Tell me more whenever you like.<persona_emotion category="${mood.category}" intensity="${mood.intensity}"/>`;
}

/** The scripted companion as an AI SDK language model (generate and stream). */
export function createScriptedCompanionModel(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: 'scripted',
    modelId: 'companion',
    doGenerate: async (params) => ({
      content: [{ type: 'text', text: scriptedReply(params) }],
      finishReason,
      usage,
      warnings: [],
    }),
    doStream: async (params) => {
      const text = scriptedReply(params);
      const deltas = text.match(/[\s\S]{1,6}/g) ?? [];
      return {
        stream: simulateReadableStream({
          chunks: [
            { type: 'stream-start' as const, warnings: [] },
            { type: 'text-start' as const, id: 'reply' },
            ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 'reply', delta })),
            { type: 'text-end' as const, id: 'reply' },
            { type: 'finish' as const, finishReason, usage },
          ],
          initialDelayInMs: null,
          chunkDelayInMs: null,
        }),
      };
    },
  });
}

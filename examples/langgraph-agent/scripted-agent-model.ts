// An offline stand-in for a chat model, so the example runs with no key and no network. It answers
// from the memory block in its system prompt: the remembered line sharing the most words with the
// question, cited with a <memory_trace> tag as a real model is taught to do.
import { SimpleChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';

const STOPWORDS = new Set(
  'a an and are at do does did for from have how i in is it me my of on the to what where who with you your'.split(' '),
);
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.filter((word) => !STOPWORDS.has(word)) ?? [],
  );

/** A chat model that answers questions from the memories it is shown, and acknowledges statements. */
export class ScriptedAgentModel extends SimpleChatModel {
  _llmType(): string {
    return 'scripted-agent';
  }

  async _call(messages: BaseMessage[]): Promise<string> {
    const question = messages.findLast((message) => message.type === 'human')?.text ?? '';
    const system = messages.find((message) => message.type === 'system')?.text ?? '';
    if (!question.trim().endsWith('?'))
      return 'Noted, I will remember that.<persona_emotion category="calm" intensity="0.3"/>';
    const asked = words(question);
    const best = [...system.matchAll(/^(?:- )?(m:[A-Za-z0-9_-]+)(?: \([^)]*\))?(?: ~)?:? (.*)$/gmu)]
      .map((match) => ({
        reference: match[1]!,
        text: match[2]!,
        overlap: [...words(match[2]!)].filter((word) => asked.has(word)).length,
      }))
      .filter((memory) => memory.overlap > 0)
      .sort((a, b) => b.overlap - a.overlap)[0];
    if (!best) return 'I don\'t know that yet.<persona_emotion category="curiosity" intensity="0.4"/>';
    return `You told me: "${best.text}"<memory_trace id="${best.reference}" resonance="0.9"/><persona_emotion category="joy" intensity="0.5"/>`;
  }
}

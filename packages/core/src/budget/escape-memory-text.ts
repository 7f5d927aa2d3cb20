// Stored text is untrusted. Rendered inside the memory block it must not be able to close the
// block, open a tag (<memory_trace>, <persona_emotion>, </memories>, chat-template markers such as
// <|im_start|>) or start a line of its own that could pass for an entry or an instruction. So:
// angle brackets (and their full-width and small look-alikes, which NFKC folds to < and >) become
// entities, `&` too so entities in the text stay literal, every line break and control character
// becomes a space, and invisible bidi / zero-width formatting characters are removed.
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '＜': '&lt;',
  '＞': '&gt;',
  '﹤': '&lt;',
  '﹥': '&gt;',
};
const MARKUP = /[&<>＜＞﹤﹥]/gu;
const BREAKS_AND_CONTROLS = /[\p{Cc}\u2028\u2029\u0085]+/gu;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** Makes untrusted memory text safe to place on one line of the memory block. */
export function escapeMemoryText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(MARKUP, (char) => ENTITIES[char]!)
    .replace(BREAKS_AND_CONTROLS, ' ')
    .replace(/ {2,}/gu, ' ')
    .trim();
}

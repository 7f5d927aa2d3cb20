/** The singular and plural of an English noun. */
export interface NounForms {
  one: string;
  other: string;
}

const englishPlurals = new Intl.PluralRules('en');

/** "1 memory", "0 memories", "2 memories": a count with its noun in the right number. */
export function countNoun(count: number, noun: NounForms): string {
  return `${count} ${englishPlurals.select(count) === 'one' ? noun.one : noun.other}`;
}

/** The noun forms of "memory", shared by the MCP tools, the CLI and the inspector. */
export const MEMORY_NOUN: Readonly<NounForms> = Object.freeze({ one: 'memory', other: 'memories' });

import type { LocomoConversation } from './load-locomo.js';

/** A three-turn conversation in LoCoMo's shape, for tests of the benchmark plumbing (no data needed). */
export function tinyLocomoConversation(sampleId = 'conv-test'): LocomoConversation {
  const sessionDate = new Date(Date.UTC(2023, 4, 8, 13, 56));
  const turn = (indexInSession: number, speaker: string, text: string) => ({
    speaker,
    diaId: `D1:${indexInSession + 1}`,
    text,
    blipCaption: null,
    session: 1,
    indexInSession,
    sessionDate,
  });
  return {
    sampleId,
    speakers: ['Ann', 'Bob'],
    turns: [
      turn(0, 'Ann', 'I adopted a beagle puppy named Biscuit last week.'),
      turn(1, 'Bob', 'I started pottery classes on Tuesdays.'),
      turn(2, 'Ann', 'My sister moved to Lisbon for a new job.'),
    ],
    questions: [
      { question: 'What is the name of the beagle puppy?', answer: 'Biscuit', evidence: ['D1:1'], category: 4 },
      { question: 'Where did the sister move for her job?', answer: 'Lisbon', evidence: ['D1:3'], category: 4 },
      { question: 'Which day are the pottery classes?', answer: 'Tuesday', evidence: ['D1:2'], category: 2 },
      { question: 'Is anything unanswerable?', answer: null, evidence: [], category: 5 },
    ],
  };
}

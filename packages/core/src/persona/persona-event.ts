/** Something that happened to a persona's state, reported by every persona call (for logs, tests and inspectors). */
export type PersonaEvent =
  | {
      type: 'question_added' | 'question_asked' | 'question_resolved' | 'question_expired' | 'question_archived';
      questionId: string;
    }
  | { type: 'question_consolidated'; questionId: string; memoryId: string }
  /** The least important unasked question gave way to a newer one (`by`); when it is the newcomer itself, `by` is null. */
  | { type: 'question_displaced'; questionId: string; by: string | null }
  | { type: 'goal_added' | 'goal_completed' | 'goal_abandoned' | 'goal_abandon_proposed'; goalId: string }
  | { type: 'goal_lowered'; goalId: string; priority: number }
  | { type: 'goal_progress'; goalId: string; progress: number }
  | { type: 'crisis_opened'; severity: number }
  | { type: 'crisis_mended'; severity: number }
  | { type: 'conversation_ended'; arousal: number };

import { MEMORY_KINDS, type MemoryRecord } from '@resonant/core';
import { escapeMemoryText } from '@resonant/core/adapters';
import { z } from 'zod';

/** How much of each memory a result carries. */
export const detailArgument = z
  .enum(['compact', 'full'])
  .default('compact')
  .describe(
    '"compact" (default): id, kind, date and text cut to a few hundred characters. "full": the whole text and every signal.',
  );

/** Detail level of a result: `compact` keeps answers small, `full` carries every field. */
export type Detail = z.output<typeof detailArgument>;

const unit = z.number().min(0).max(1);

/** A memory as tools return it; the fields after `createdAt` appear in full detail only. */
export const memoryViewSchema = z.object({
  id: z.string().describe('Memory id; cite it to the model as "m:<id>".'),
  kind: z.enum(MEMORY_KINDS).describe('What the memory is: episode, fact, preference, instruction, summary or entity.'),
  text: z.string().describe('The memory text; in compact detail cut at a word boundary.'),
  truncated: z.boolean().describe('True when text was cut; ask with detail "full" for all of it.'),
  createdAt: z.string().describe('When it happened or was stored (ISO 8601).'),
  summary: z.string().nullable().optional().describe('A stored compact form, if any.'),
  lastAccessedAt: z.string().optional().describe('Last write or recall; recency decays from here.'),
  accessCount: z.number().int().min(0).optional().describe('How many times recall has returned it.'),
  arousal: unit.optional().describe('Emotional intensity, 0 calm to 1 overwhelming.'),
  valence: z.number().min(-1).max(1).optional().describe('Emotional direction, -1 painful to 1 joyful.'),
  utility: unit.optional().describe('Learned usefulness (Q-value), 0 to 1; starts at 0.5.'),
  emotion: z
    .object({ joy: unit, aversion: unit, trauma: unit })
    .optional()
    .describe('Lasting emotional marks, each 0 to 1.'),
  crisis: unit.optional().describe('Crisis severity, 0 to 1.'),
  level: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('Consolidation level of a summary (0 session .. 3 milestone); null for raw memories.'),
  archivedAt: z.string().nullable().optional().describe('When consolidation archived it; null if live.'),
  metadata: z.record(z.string(), z.unknown()).optional().describe('Caller-supplied JSON metadata.'),
});

/** A memory as tools return it. */
export type MemoryView = z.infer<typeof memoryViewSchema>;

/** Maps a record to its view at the requested detail. */
export function viewMemory(record: MemoryRecord, detail: Detail, compactTextLength: number): MemoryView {
  const text = detail === 'full' ? record.text : cutAtWord(record.text, compactTextLength);
  const compact: MemoryView = {
    id: record.id,
    kind: record.kind,
    text,
    truncated: text.length < record.text.length,
    createdAt: record.createdAt.toISOString(),
  };
  if (detail === 'compact') return compact;
  return {
    ...compact,
    summary: record.summary,
    lastAccessedAt: record.lastAccessedAt.toISOString(),
    accessCount: record.accessCount,
    arousal: record.arousal,
    valence: record.valence,
    utility: record.utility,
    emotion: { ...record.emotion },
    crisis: record.crisis,
    level: record.level,
    archivedAt: record.archivedAt?.toISOString() ?? null,
    metadata: { ...record.metadata },
  };
}

/**
 * One line per memory for the model. Stored text is untrusted: escaped as in context blocks (line
 * breaks and controls flattened, markup neutralised), so it cannot start a line posing as another
 * memory or forge a feedback tag. Structured content keeps the text as stored.
 */
export function renderMemoryLine(view: MemoryView, extra = ''): string {
  const date = view.createdAt.slice(0, 10);
  return `m:${view.id} [${view.kind} · ${date}${extra}] ${escapeMemoryText(view.text)}${view.truncated ? ' …(truncated)' : ''}`;
}

function cutAtWord(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  // Texts without spaces (Japanese) are cut at the length; never split a surrogate pair.
  const end =
    lastSpace > length * 0.6 ? lastSpace : isHighSurrogate(cut.charCodeAt(cut.length - 1)) ? length - 1 : length;
  return text.slice(0, end).trimEnd();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

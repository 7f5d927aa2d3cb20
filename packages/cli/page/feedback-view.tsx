import { getJson, type FeedbackAnswer } from './api.js';
import { dateTime, delta, signal } from './format.js';
import { AnswerStatus } from './messages.js';
import { SortableTable, type Column } from './sortable-table.js';
import { useAnswer } from './use-answer.js';

type Entry = FeedbackAnswer['entries'][number];

const COLUMNS: readonly Column<Entry>[] = [
  { key: 'at', label: 'when', sortValue: (entry) => entry.at, render: (entry) => dateTime(entry.at) },
  {
    key: 'memory',
    label: 'memory',
    sortValue: (entry) => entry.memoryId,
    render: (entry) =>
      entry.text === null ? (
        <span class="muted">m:{entry.memoryId} (forgotten)</span>
      ) : (
        <>
          <code>m:{entry.memoryId}</code> <span class="memory-text">{entry.text}</span>
        </>
      ),
  },
  {
    key: 'tag',
    label: 'tag',
    sortValue: (entry) => entry.resonance,
    render: (entry) => <code>{`<memory_trace id="${entry.cited}" resonance="${entry.resonance}"/>`}</code>,
  },
  {
    key: 'utility',
    label: 'utility',
    numeric: true,
    sortValue: (entry) => entry.after.utility - entry.before.utility,
    render: (entry) => <Change before={entry.before.utility} after={entry.after.utility} />,
  },
  {
    key: 'arousal',
    label: 'arousal',
    numeric: true,
    sortValue: (entry) => entry.after.arousal - entry.before.arousal,
    render: (entry) => <Change before={entry.before.arousal} after={entry.after.arousal} />,
  },
  {
    key: 'recalls',
    label: 'recalls',
    numeric: true,
    sortValue: (entry) => entry.after.accessCount,
    render: (entry) =>
      entry.reinforced ? `${entry.before.accessCount} → ${entry.after.accessCount}` : `${entry.after.accessCount}`,
  },
];

/** Which tags changed which memory by how much, newest first. */
export function FeedbackView(props: { namespace: string }) {
  const feedback = useAnswer(
    () => getJson<FeedbackAnswer>('/api/feedback', { namespace: props.namespace }),
    [props.namespace],
  );
  return (
    <section>
      <AnswerStatus answer={feedback} />
      {feedback.data && feedback.data.entries.length === 0 && (
        <p class="muted">
          No feedback applied in this namespace yet (model outputs with &lt;memory_trace&gt; tags, through an adapter or
          resonant feedback).
        </p>
      )}
      {feedback.data && feedback.data.entries.length > 0 && (
        <SortableTable
          columns={COLUMNS}
          rows={feedback.data.entries}
          rowKey={(entry) => `${entry.at}/${entry.memoryId}/${entry.cited}`}
          initialSort={{ key: 'at', descending: true }}
          testId="feedback-table"
        />
      )}
    </section>
  );
}

function Change({ before, after }: { before: number; after: number }) {
  return (
    <span class={after > before ? 'up' : after < before ? 'down' : undefined}>
      {signal(before)} → {signal(after)} <span class="share">({delta(after, before)})</span>
    </span>
  );
}

import { useState } from 'preact/hooks';
import { countNoun, MEMORY_NOUN } from '../../core/src/text/count-noun.js';
import { getJson, type ExplainedHit, type ListedMemory, type MemoriesAnswer, type RecallAnswer } from './api.js';
import { dateTime, days, signal } from './format.js';
import { AnswerStatus } from './messages.js';
import { SortableTable, type Column } from './sortable-table.js';
import { useAnswer } from './use-answer.js';

type Row = ListedMemory & { hit: ExplainedHit | undefined };

const COLUMNS: readonly Column<Row>[] = [
  { key: 'id', label: 'id', sortValue: (row) => row.id, render: (row) => <code>m:{row.id}</code> },
  { key: 'kind', label: 'kind', sortValue: (row) => (row.level === null ? row.kind : `L${row.level} ${row.kind}`) },
  {
    key: 'text',
    label: 'text',
    sortValue: (row) => row.text,
    render: (row) => <span class="memory-text">{row.text}</span>,
  },
  {
    key: 'relevance',
    label: 'relevance',
    title: 'fused lexical + vector relevance for the query',
    numeric: true,
    sortValue: (row) => row.hit?.signals.relevance ?? null,
    render: (row) => signal(row.hit?.signals.relevance),
  },
  {
    key: 'ranks',
    label: 'lex / vec',
    title: 'rank in the lexical list / in the vector list',
    sortValue: (row) => row.hit?.signals.lexicalRank ?? null,
    render: (row) => (row.hit ? `${row.hit.signals.lexicalRank ?? '–'} / ${row.hit.signals.vectorRank ?? '–'}` : '–'),
  },
  {
    key: 'phrase',
    label: 'phrase',
    numeric: true,
    sortValue: (row) => row.hit?.signals.phrase ?? null,
    render: (row) => signal(row.hit?.signals.phrase),
  },
  {
    key: 'recency',
    label: 'recency',
    title: 'forgetting curve on the simulated day',
    numeric: true,
    sortValue: (row) => row.recency,
    render: (row) => signal(row.recency),
  },
  {
    key: 'halfLife',
    label: 'half-life',
    numeric: true,
    sortValue: (row) => row.halfLifeDays,
    render: (row) => days(row.halfLifeDays),
  },
  { key: 'stage', label: 'stage', sortValue: (row) => row.stage },
  { key: 'accessCount', label: 'recalls', numeric: true, sortValue: (row) => row.accessCount },
  {
    key: 'arousal',
    label: 'arousal',
    numeric: true,
    sortValue: (row) => row.arousal,
    render: (row) => signal(row.arousal),
  },
  {
    key: 'valence',
    label: 'valence',
    numeric: true,
    sortValue: (row) => row.valence,
    render: (row) => signal(row.valence),
  },
  {
    key: 'utility',
    label: 'utility',
    numeric: true,
    sortValue: (row) => row.utility,
    render: (row) => signal(row.utility),
  },
  {
    key: 'emotion',
    label: 'joy / aversion / trauma',
    sortValue: (row) => row.emotion.joy - row.emotion.aversion,
    render: (row) => `${signal(row.emotion.joy)} / ${signal(row.emotion.aversion)} / ${signal(row.emotion.trauma)}`,
  },
  {
    key: 'crisis',
    label: 'crisis',
    numeric: true,
    sortValue: (row) => row.crisis,
    render: (row) => signal(row.crisis),
  },
  { key: 'createdAt', label: 'created', sortValue: (row) => row.createdAt, render: (row) => dateTime(row.createdAt) },
  {
    key: 'lastAccessedAt',
    label: 'last access',
    sortValue: (row) => row.lastAccessedAt,
    render: (row) => dateTime(row.lastAccessedAt),
  },
  {
    key: 'archivedAt',
    label: 'archived',
    sortValue: (row) => row.archivedAt,
    render: (row) => dateTime(row.archivedAt),
  },
];

/** Every memory of the namespace with every signal; with a query, its relevance parts too. */
export function MemoriesView(props: { namespace: string; day: number; query: string }) {
  const [search, setSearch] = useState('');
  const memories = useAnswer(
    () => getJson<MemoriesAnswer>('/api/memories', { namespace: props.namespace, day: props.day }),
    [props.namespace, props.day],
  );
  const recall = useAnswer(
    props.query.trim()
      ? () =>
          getJson<RecallAnswer>('/api/recall', {
            namespace: props.namespace,
            query: props.query,
            day: props.day,
            limit: 100,
          })
      : null,
    [props.namespace, props.query, props.day],
  );
  const hits = new Map((recall.data?.hits ?? []).map((hit) => [hit.memory.id, hit]));
  const needle = search.trim().toLowerCase();
  const rows: Row[] = (memories.data?.memories ?? [])
    .filter(
      (memory) =>
        needle === '' ||
        memory.text.toLowerCase().includes(needle) ||
        memory.id.includes(needle) ||
        memory.kind.includes(needle),
    )
    .map((memory) => ({ ...memory, hit: hits.get(memory.id) }));
  return (
    <section>
      <div class="toolbar">
        <input
          type="search"
          placeholder="Search text, id or kind"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
          aria-label="search memories"
        />
        <span class="muted" data-testid="memory-count">
          {countNoun(rows.length, MEMORY_NOUN)}
          {memories.data?.truncated ? ' (the first ones only)' : ''}
          {props.query.trim() ? `; relevance for “${props.query}”` : ''}
        </span>
      </div>
      <AnswerStatus answer={memories} />
      {memories.data && (
        <SortableTable
          columns={COLUMNS}
          rows={rows}
          rowKey={(row) => row.id}
          initialSort={
            props.query.trim() ? { key: 'relevance', descending: true } : { key: 'createdAt', descending: true }
          }
          testId="memories-table"
        />
      )}
    </section>
  );
}

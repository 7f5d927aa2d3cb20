import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { countNoun, MEMORY_NOUN } from '../../core/src/text/count-noun.js';
import { getJson, type Overview, type PersonaAnswer } from './api.js';
import { EntitiesView } from './entities-view.js';
import { FeedbackView } from './feedback-view.js';
import { MemoriesView } from './memories-view.js';
import { AnswerStatus } from './messages.js';
import { PersonaView } from './persona-view.js';
import { QueryView } from './query-view.js';
import { ReplayView } from './replay-view.js';
import { SummariesView } from './summaries-view.js';
import { useAnswer } from './use-answer.js';
import { WriteView } from './write-view.js';
import './style.css';

const TABS = ['memories', 'query', 'replay', 'summaries', 'entities', 'feedback', 'persona', 'write'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = {
  memories: 'Memories',
  query: 'Query',
  replay: 'Decay replay',
  summaries: 'Summaries',
  entities: 'Entities',
  feedback: 'Feedback',
  persona: 'Persona',
  write: 'Write',
};

function App() {
  const [refresh, setRefresh] = useState(0);
  const overview = useAnswer(() => getJson<Overview>('/api/overview', {}), [refresh]);
  const [namespace, setNamespace] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('memories');
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [tokens, setTokens] = useState(400);
  const [day, setDay] = useState(0);
  const namespaces = overview.data?.stats.namespaces ?? [];
  const current = namespace ?? namespaces[0]?.namespace ?? null;
  const persona = useAnswer(current ? () => getJson<PersonaAnswer>('/api/persona', { namespace: current }) : null, [
    current,
    refresh,
  ]);
  const tabs = TABS.filter(
    (candidate) =>
      (candidate !== 'persona' || persona.data?.present === true) &&
      (candidate !== 'write' || overview.data?.write === true),
  );
  useEffect(() => setDay(0), [current]);

  return (
    <div class="app">
      <header>
        <h1>Resonant inspector</h1>
        {overview.data && (
          <span class="muted" data-testid="store">
            {overview.data.path} · {countNoun(overview.data.stats.count, MEMORY_NOUN)} ·{' '}
            {overview.data.stats.embedder.id}
          </span>
        )}
        {overview.data && (
          <span class={`badge ${overview.data.write ? 'write' : ''}`}>
            {overview.data.write ? 'read-write' : 'read-only'}
          </span>
        )}
      </header>
      <AnswerStatus answer={overview} />
      <div class="body">
        <nav class="namespaces" aria-label="namespaces">
          <h2>Namespaces</h2>
          {overview.data && namespaces.length === 0 && <p class="muted">The store is empty.</p>}
          <ul>
            {namespaces.map((entry) => (
              <li key={entry.namespace}>
                <button
                  type="button"
                  class={`link${entry.namespace === current ? ' selected' : ''}`}
                  onClick={() => setNamespace(entry.namespace)}
                >
                  {entry.namespace}
                </button>{' '}
                <span class="muted">{entry.count}</span>
              </li>
            ))}
          </ul>
        </nav>
        <main>
          <form
            class="query-bar"
            onSubmit={(event) => {
              event.preventDefault();
              setQuery(draft);
              if (tab === 'memories' || tab === 'summaries' || tab === 'entities' || tab === 'feedback')
                setTab('query');
            }}
          >
            <input
              type="search"
              placeholder="Ask the memory something: what would the character recall?"
              value={draft}
              onInput={(event) => setDraft(event.currentTarget.value)}
              aria-label="query"
              data-testid="query-input"
            />
            <label>
              budget{' '}
              <input
                type="number"
                min={16}
                max={200000}
                value={tokens}
                onChange={(event) => setTokens(Math.max(16, Number(event.currentTarget.value) || 400))}
                aria-label="token budget"
              />{' '}
              tokens
            </label>
            <button type="submit">Ask</button>
            <span class="day-badge" data-testid="simulated-day">
              {day > 0 ? `simulated: day +${Math.floor(day)}` : 'now'}
            </span>
          </form>
          <div class="tabs" role="tablist">
            {tabs.map((candidate) => (
              <button
                key={candidate}
                type="button"
                role="tab"
                aria-selected={candidate === tab}
                class={candidate === tab ? 'selected' : undefined}
                onClick={() => setTab(candidate)}
              >
                {TAB_LABELS[candidate]}
              </button>
            ))}
          </div>
          {current === null ? (
            <p class="muted">No namespace to show.</p>
          ) : (
            <div role="tabpanel" data-testid={`view-${tab}`}>
              {tab === 'memories' && <MemoriesView namespace={current} day={day} query={query} />}
              {tab === 'query' && <QueryView namespace={current} day={day} query={query} tokens={tokens} />}
              {tab === 'replay' && <ReplayView namespace={current} day={day} query={query} onDay={setDay} />}
              {tab === 'summaries' && <SummariesView namespace={current} />}
              {tab === 'entities' && <EntitiesView namespace={current} />}
              {tab === 'feedback' && <FeedbackView namespace={current} />}
              {tab === 'persona' && <PersonaView namespace={current} day={day} />}
              {tab === 'write' && <WriteView namespace={current} onChange={() => setRefresh(refresh + 1)} />}
            </div>
          )}
        </main>
      </div>
    </div>
  );
}

render(<App />, document.getElementById('app')!);

import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  getJson,
  postJson,
  type MemoriesAnswer,
  type RecallAnswer,
  type ReplayAnswer,
  type RetrieveAnswer,
} from './api.js';
import { signal } from './format.js';
import { AnswerStatus } from './messages.js';
import { RecencyChart } from './recency-chart.js';
import { useAnswer } from './use-answer.js';

/** How far the slider reaches, in simulated days. */
const REPLAY_DAYS = 120;
/** Memories drawn in the chart. */
const CHARTED = 8;

/**
 * Replays forgetting and reinforcement in simulated time (one second is one day): the slider or
 * Play moves the day, "Simulate retrieval" recalls the query on that day in a copy of the
 * namespace, which reinforces what came back, and the curves bend.
 */
export function ReplayView(props: { namespace: string; day: number; query: string; onDay: (day: number) => void }) {
  const [playing, setPlaying] = useState(false);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const wholeDay = Math.floor(props.day);

  // The charted memories: the query's best hits on day 0, else the most recently used memories.
  const chosen = useAnswer(async () => {
    if (props.query.trim())
      return (
        await getJson<RecallAnswer>('/api/recall', { namespace: props.namespace, query: props.query, limit: CHARTED })
      ).hits.map((hit) => hit.memory);
    const { memories } = await getJson<MemoriesAnswer>('/api/memories', { namespace: props.namespace });
    return [...memories].sort((a, b) => (a.lastAccessedAt < b.lastAccessedAt ? 1 : -1)).slice(0, CHARTED);
  }, [props.namespace, props.query]);
  const ids = (chosen.data ?? []).map((memory) => memory.id).join(',');
  const replay = useAnswer(
    ids
      ? () => getJson<ReplayAnswer>('/api/simulation/replay', { namespace: props.namespace, ids, days: REPLAY_DAYS })
      : null,
    [props.namespace, ids, version],
  );
  const hits = useAnswer(
    props.query.trim()
      ? () =>
          getJson<RecallAnswer>('/api/recall', {
            namespace: props.namespace,
            query: props.query,
            day: wholeDay,
            limit: 5,
          })
      : null,
    [props.namespace, props.query, wholeDay, version],
  );

  useEffect(() => {
    if (!playing) return;
    const started = performance.now();
    const from = props.day;
    const timer = setInterval(() => {
      const day = Math.min(REPLAY_DAYS, from + (performance.now() - started) / 1000);
      props.onDay(day);
      if (day >= REPLAY_DAYS) setPlaying(false);
    }, 100);
    return () => clearInterval(timer);
  }, [playing]);

  const texts = new Map((chosen.data ?? []).map((memory) => [memory.id, memory.text]));
  const series = useMemo(
    () =>
      (replay.data?.series ?? []).map((curve) => ({
        label: `m:${curve.id.slice(0, 6)} ${truncate(texts.get(curve.id) ?? '', 28)}`,
        recency: curve.recency,
      })),
    [replay.data],
  );

  async function simulateRetrieval() {
    setMessage(null);
    try {
      const answer = await postJson<RetrieveAnswer>('/api/simulation/retrieve', {
        namespace: props.namespace,
        query: props.query,
        day: wholeDay,
        limit: 5,
      });
      setMessage(
        `Day ${wholeDay}: retrieved and reinforced ${answer.hits.map((hit) => `m:${hit.memory.id.slice(0, 6)}`).join(', ') || 'nothing'}.`,
      );
      setVersion(version + 1);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  async function reset() {
    await postJson('/api/simulation/reset', { namespace: props.namespace });
    setMessage('Simulation reset: the curves start again from the store.');
    props.onDay(0);
    setVersion(version + 1);
  }

  return (
    <section>
      <div class="toolbar replay-controls">
        <button type="button" onClick={() => setPlaying(!playing)} data-testid="play">
          {playing ? 'Pause' : 'Play'}
        </button>
        <label class="slider">
          day
          <input
            type="range"
            min={0}
            max={REPLAY_DAYS}
            step={1}
            value={props.day}
            onInput={(event) => props.onDay(Number(event.currentTarget.value))}
            aria-label="simulated day"
            data-testid="day-slider"
          />
          <output data-testid="day-label">+{wholeDay} d</output>
        </label>
        <button
          type="button"
          onClick={simulateRetrieval}
          disabled={!props.query.trim()}
          title={
            props.query.trim()
              ? 'recall the query on this day; what comes back is reinforced (in a copy, never in the store)'
              : 'type a query first'
          }
          data-testid="simulate-retrieval"
        >
          Simulate retrieval
        </button>
        <button type="button" onClick={reset} data-testid="reset-simulation">
          Reset
        </button>
      </div>
      {message && (
        <p class="notice" data-testid="simulation-message">
          {message}
        </p>
      )}
      <AnswerStatus answer={chosen} />
      <AnswerStatus answer={replay} />
      {replay.data && (
        <RecencyChart
          days={replay.data.days}
          series={series}
          day={props.day}
          retrievalDays={replay.data.retrievals.map((retrieval) => retrieval.day)}
        />
      )}
      {replay.data && replay.data.retrievals.length > 0 && (
        <ol class="retrievals" data-testid="retrievals">
          {replay.data.retrievals.map((retrieval, index) => (
            <li key={index}>
              day {retrieval.day}: “{retrieval.query}” reinforced {retrieval.ids.length}
            </li>
          ))}
        </ol>
      )}
      {hits.data && (
        <table class="grid" data-testid="replay-hits">
          <thead>
            <tr>
              <th>rank on day {wholeDay}</th>
              <th>memory</th>
              <th class="numeric">score</th>
              <th class="numeric">recency</th>
              <th class="numeric">recalls</th>
            </tr>
          </thead>
          <tbody>
            {hits.data.hits.map((hit, index) => (
              <tr key={hit.memory.id}>
                <td>{index + 1}</td>
                <td>
                  <code>m:{hit.memory.id}</code> <span class="memory-text">{hit.memory.text}</span>
                </td>
                <td class="numeric">{hit.score.toFixed(3)}</td>
                <td class="numeric" data-testid="replay-recency">
                  {signal(hit.signals.recency)}
                </td>
                <td class="numeric">{hit.memory.accessCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!props.query.trim() && (
        <p class="muted">
          Type a query to simulate retrievals of it; the chart shows the most recently used memories meanwhile.
        </p>
      )}
    </section>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

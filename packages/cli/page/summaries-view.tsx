import { useState } from 'preact/hooks';
import { getJson, type DrillDownAnswer, type SummariesAnswer } from './api.js';
import { dateTime } from './format.js';
import { AnswerStatus } from './messages.js';
import { useAnswer } from './use-answer.js';

const LEVEL_NAMES = ['L0 session', 'L1 day', 'L2 week', 'L3 milestone'];

type DrillNode = DrillDownAnswer['root'];

/** The consolidation hierarchy, L3 down to L0, and a summary opened down to the turns it came from. */
export function SummariesView(props: { namespace: string }) {
  const summaries = useAnswer(
    () => getJson<SummariesAnswer>('/api/summaries', { namespace: props.namespace }),
    [props.namespace],
  );
  const [opened, setOpened] = useState<string | null>(null);
  const drill = useAnswer(
    opened ? () => getJson<DrillDownAnswer>('/api/drill-down', { namespace: props.namespace, id: opened }) : null,
    [props.namespace, opened],
  );
  const byLevel = [3, 2, 1, 0].map((level) => ({
    level,
    summaries: (summaries.data?.summaries ?? []).filter((summary) => summary.level === level),
  }));
  return (
    <div class="columns">
      <section class="panel" data-testid="summary-levels">
        <h2>Summary hierarchy</h2>
        <AnswerStatus answer={summaries} />
        {summaries.data && summaries.data.summaries.length === 0 && (
          <p class="muted">No summaries yet: run resonant consolidate (or Consolidate with --write).</p>
        )}
        {byLevel
          .filter((group) => group.summaries.length > 0)
          .map((group) => (
            <div key={group.level} class="level">
              <h3>
                {LEVEL_NAMES[group.level]} <span class="muted">({group.summaries.length})</span>
              </h3>
              <ul>
                {group.summaries.map((summary) => (
                  <li key={summary.id}>
                    <button
                      type="button"
                      class={`link${opened === summary.id ? ' selected' : ''}`}
                      onClick={() => setOpened(summary.id)}
                      data-testid="summary"
                    >
                      <code>m:{summary.id.slice(0, 8)}</code> {summary.text}
                    </button>
                    <span class="muted"> {summary.children.length} below</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </section>
      <section class="panel" data-testid="drill-down">
        <h2>Drill-down</h2>
        {opened === null && <p class="muted">Open a summary to follow it down to its source turns.</p>}
        <AnswerStatus answer={drill} />
        {drill.data && (
          <>
            <DrillTree node={drill.data.root} />
            <h3>Source turns ({drill.data.raw.length})</h3>
            <ol class="turns" data-testid="source-turns">
              {drill.data.raw.map((memory) => (
                <li key={memory.id}>
                  <span class="muted">{dateTime(memory.createdAt)}</span> {memory.text}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </div>
  );
}

function DrillTree({ node }: { node: DrillNode }) {
  return (
    <details open class="drill">
      <summary>
        <span class="badge">{node.memory.level === null ? 'turn' : LEVEL_NAMES[node.memory.level]}</span>{' '}
        {node.memory.text}
      </summary>
      {node.children.map((child) => (
        <DrillTree key={child.memory.id} node={child} />
      ))}
    </details>
  );
}

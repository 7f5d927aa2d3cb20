import { useState } from 'preact/hooks';
import { postJson, type ApplyFeedbackAnswer, type ConsolidateAnswer, type RememberAnswer } from './api.js';

/** With --write: remember, apply a model output's feedback tags, consolidate. */
export function WriteView(props: { namespace: string; onChange: () => void }) {
  const [text, setText] = useState('');
  const [output, setOutput] = useState('');
  const [result, setResult] = useState<string | null>(null);

  async function run(action: () => Promise<string>) {
    try {
      setResult(await action());
      props.onChange();
    } catch (error) {
      setResult((error as Error).message);
    }
  }

  return (
    <div class="columns">
      <form
        class="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const answer = await postJson<RememberAnswer>('/api/remember', { namespace: props.namespace, text });
            setText('');
            return `${answer.outcome} m:${answer.memory.id}`;
          });
        }}
      >
        <h2>Remember</h2>
        <textarea
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          rows={3}
          aria-label="memory text"
        />
        <button type="submit" disabled={!text.trim()}>
          Remember
        </button>
      </form>
      <form
        class="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const answer = await postJson<ApplyFeedbackAnswer>('/api/apply-feedback', {
              namespace: props.namespace,
              text: output,
            });
            return `applied ${answer.applied.length}, ignored ${answer.ignored.length}`;
          });
        }}
      >
        <h2>Apply feedback</h2>
        <textarea
          value={output}
          onInput={(event) => setOutput(event.currentTarget.value)}
          rows={3}
          placeholder={'model output with <memory_trace id="m:…" resonance="0.9"/>'}
          aria-label="model output"
        />
        <button type="submit" disabled={!output.trim()}>
          Apply
        </button>
      </form>
      <div class="panel">
        <h2>Consolidate</h2>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const answer = await postJson<ConsolidateAnswer>('/api/consolidate', { namespace: props.namespace });
              return `summaries ${answer.created.join('/')} (sessions/days/weeks/milestones), archived ${answer.archived}`;
            })
          }
        >
          Consolidate now
        </button>
      </div>
      {result && <p class="notice">{result}</p>}
    </div>
  );
}

import { countNoun } from '../../core/src/text/count-noun.js';
import { getJson, type ContextAnswer, type RecallAnswer } from './api.js';
import { percent, signal } from './format.js';
import { AnswerStatus } from './messages.js';
import { SCORE_PARTS, ScoreBar, ScoreLegend } from './score-bar.js';
import { useAnswer } from './use-answer.js';

const BUDGET_LABELS: Record<string, string> = {
  system: 'system',
  memory: 'memory',
  conversation: 'conversation',
  responseReserve: 'response reserve',
  tools: 'tools',
};

/** The ranked hits of a query with each signal's share of the score, and the context block it would get. */
export function QueryView(props: { namespace: string; day: number; query: string; tokens: number }) {
  const asked = props.query.trim() !== '';
  const recall = useAnswer(
    asked
      ? () =>
          getJson<RecallAnswer>('/api/recall', {
            namespace: props.namespace,
            query: props.query,
            day: props.day,
            limit: 10,
          })
      : null,
    [props.namespace, props.query, props.day],
  );
  const context = useAnswer(
    asked
      ? () =>
          getJson<ContextAnswer>('/api/context', {
            namespace: props.namespace,
            query: props.query,
            day: props.day,
            tokens: props.tokens,
          })
      : null,
    [props.namespace, props.query, props.day, props.tokens],
  );
  if (!asked)
    return <p class="muted">Type a query above to see what ranks first and why, and the context block it gets.</p>;
  return (
    <div class="columns">
      <section class="panel" data-testid="ranked-hits">
        <h2>Ranked hits</h2>
        <ScoreLegend />
        <AnswerStatus answer={recall} />
        {recall.data && recall.data.hits.length === 0 && <p class="muted">No memory matches this query.</p>}
        {recall.data && recall.data.hits.length > 0 && (
          <table class="grid hits">
            <thead>
              <tr>
                <th>#</th>
                <th>memory</th>
                <th class="numeric">score</th>
                <th>parts</th>
                {SCORE_PARTS.slice(0, 5).map((part) => (
                  <th key={part} class="numeric" title={`${part}: the signal, and its share of the score`}>
                    {part}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {recall.data.hits.map((hit, index) => (
                <tr key={hit.memory.id} data-testid="hit">
                  <td>{index + 1}</td>
                  <td>
                    <code>m:{hit.memory.id}</code> <span class="memory-text">{hit.memory.text}</span>
                    {hit.signals.reflex && <span class="badge">reflex</span>}
                    {hit.signals.flashback && <span class="badge">flashback</span>}
                  </td>
                  <td class="numeric" data-testid="hit-score">
                    {hit.score.toFixed(3)}
                  </td>
                  <td class="bar-cell">
                    <ScoreBar hit={hit} />
                  </td>
                  {SCORE_PARTS.slice(0, 5).map((part) => (
                    <td key={part} class="numeric" data-part={part}>
                      {signal(hit.signals[part])} <span class="share">{percent(hit.parts[part], hit.score)}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" data-testid="context">
        <h2>Context block ({props.tokens} tokens)</h2>
        <AnswerStatus answer={context} />
        {context.data && (
          <>
            <pre class="context-block" data-testid="context-text">
              {context.data.text === '' ? '(no memory fits this query)' : context.data.text}
            </pre>
            <table class="grid budget" data-testid="budget-table">
              <thead>
                <tr>
                  <th>category</th>
                  <th class="numeric">used</th>
                  <th class="numeric">budget</th>
                  <th class="numeric">remaining</th>
                </tr>
              </thead>
              <tbody>
                {context.data.report.categories.map((line) => (
                  <tr key={line.category}>
                    <td>{BUDGET_LABELS[line.category] ?? line.category}</td>
                    <td class="numeric">{line.used}</td>
                    <td class="numeric">{line.budget}</td>
                    <td class="numeric">{line.remaining}</td>
                  </tr>
                ))}
                <tr class="total">
                  <td>total</td>
                  <td class="numeric">{context.data.report.total.used}</td>
                  <td class="numeric">{context.data.report.total.budget}</td>
                  <td class="numeric">{context.data.report.total.remaining}</td>
                </tr>
              </tbody>
            </table>
            <h3>What went in</h3>
            <table class="grid" data-testid="included">
              <thead>
                <tr>
                  <th>cited as</th>
                  <th>shown</th>
                  <th class="numeric">tokens</th>
                  <th class="numeric">score</th>
                  <th>compression</th>
                </tr>
              </thead>
              <tbody>
                {context.data.included.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <code>{item.reference}</code> <span class="memory-text">{item.text}</span>
                    </td>
                    <td>{item.mode}</td>
                    <td class="numeric">{item.tokens}</td>
                    <td class="numeric">{item.score.toFixed(3)}</td>
                    <td>
                      {item.compression
                        ? `${item.compression.originalTokens} → ${item.compression.summaryTokens} tokens (${item.compression.source}), kept ${percent(item.compression.retention.score, 1)} of key terms`
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted" data-testid="omitted">
              {context.data.omitted === 0
                ? 'Every relevant memory fit.'
                : `${countNoun(context.data.omitted, { one: 'relevant memory', other: 'relevant memories' })} left out for want of room.`}
            </p>
            {context.data.warnings.map((warning) => (
              <p key={warning.code + warning.memoryId} class="warning">
                {warning.message}
              </p>
            ))}
          </>
        )}
      </section>
    </div>
  );
}

import { getJson, type PersonaAnswer } from './api.js';
import { dateTime, signal } from './format.js';
import { AnswerStatus } from './messages.js';
import { useAnswer } from './use-answer.js';

const DRIVES = [
  ['boredom', 'idle time since the last exchange'],
  ['curiosity', 'weight of the open questions'],
  ['goalDrive', 'priority of the most important active goal'],
  ['relatedness', 'closeness grown from warmth and trust'],
] as const;

/** The persona's drives, open questions and goals on the simulated day. */
export function PersonaView(props: { namespace: string; day: number }) {
  const persona = useAnswer(
    () => getJson<PersonaAnswer>('/api/persona', { namespace: props.namespace, day: Math.floor(props.day) }),
    [props.namespace, Math.floor(props.day)],
  );
  const data = persona.data;
  return (
    <section>
      <AnswerStatus answer={persona} />
      {data && !data.present && <p class="muted">This namespace has no persona (see @resonant/core/persona).</p>}
      {data?.present && 'drives' in data && (
        <div class="columns">
          <div class="panel" data-testid="drives">
            <h2>Drives {props.day > 0 ? `on day +${Math.floor(props.day)}` : 'now'}</h2>
            {DRIVES.map(([drive, explanation]) => (
              <div key={drive} class="drive" title={explanation}>
                <span class="drive-name">{drive}</span>
                <span class="meter">
                  <span style={{ width: `${100 * data.drives[drive]}%` }} />
                </span>
                <span class="numeric">{signal(data.drives[drive])}</span>
              </div>
            ))}
            {data.crisis && <p class="warning">A hurt not yet mended (severity {signal(data.crisis.severity)}).</p>}
            <p class="muted">{data.inConversation ? 'In a conversation.' : 'Between conversations.'}</p>
          </div>
          <div class="panel">
            <h2>Open questions</h2>
            <ul>
              {data.questions.map((question) => (
                <li key={question.id}>
                  <span class="badge">{question.status}</span> {question.text}{' '}
                  <span class="muted">priority {signal(question.priority)}</span>
                  {question.answer && <div class="muted">answer: {question.answer}</div>}
                </li>
              ))}
            </ul>
            <h2>Goals</h2>
            <ul>
              {data.goals.map((goal) => (
                <li key={goal.id}>
                  <span class="badge">{goal.status}</span> {goal.text}{' '}
                  <span class="muted">
                    progress {signal(goal.progress)}, since {dateTime(new Date(goal.createdAt).toISOString())}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

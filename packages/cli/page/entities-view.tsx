import { useState } from 'preact/hooks';
import { countNoun } from '../../core/src/text/count-noun.js';
import { getJson, type EntitiesAnswer, type EntityAnswer } from './api.js';
import { dateTime } from './format.js';
import { EntityGraph } from './entity-graph.js';
import { AnswerStatus } from './messages.js';
import { useAnswer } from './use-answer.js';

/** The entity graph, and the memories that mention the entity picked in it. */
export function EntitiesView(props: { namespace: string }) {
  const graph = useAnswer(
    () => getJson<EntitiesAnswer>('/api/entities', { namespace: props.namespace }),
    [props.namespace],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const backlinks = useAnswer(
    selected ? () => getJson<EntityAnswer>('/api/entity', { namespace: props.namespace, name: selected }) : null,
    [props.namespace, selected],
  );
  const ranked = [...(graph.data?.entities ?? [])]
    .filter((entity) => entity.mergedInto === null)
    .sort((a, b) => b.mentionCount - a.mentionCount);
  return (
    <div class="columns">
      <section class="panel">
        <h2>Entity graph</h2>
        <AnswerStatus answer={graph} />
        {graph.data && graph.data.entities.length === 0 && (
          <p class="muted">No entities: memories of this namespace name no person, place or thing yet.</p>
        )}
        {graph.data && graph.data.entities.length > 0 && (
          <EntityGraph graph={graph.data} selected={selected} onSelect={setSelected} />
        )}
        {graph.data?.truncated && <p class="muted">Only the first links are drawn.</p>}
      </section>
      <section class="panel">
        <h2>Entities</h2>
        <ul class="entities" data-testid="entity-list">
          {ranked.map((entity) => (
            <li key={entity.key}>
              <button
                type="button"
                class={`link${selected === entity.name ? ' selected' : ''}`}
                onClick={() => setSelected(entity.name)}
              >
                {entity.name}
              </button>{' '}
              <span class="muted">{countNoun(entity.mentionCount, { one: 'mention', other: 'mentions' })}</span>
            </li>
          ))}
        </ul>
        <AnswerStatus answer={backlinks} />
        {backlinks.data && (
          <div data-testid="backlinks">
            <h3>
              {backlinks.data.name ?? selected}
              {backlinks.data.aliases.length > 0 && (
                <span class="muted"> (also {backlinks.data.aliases.join(', ')})</span>
              )}
            </h3>
            <ol class="turns">
              {backlinks.data.memories.map((memory) => (
                <li key={memory.id}>
                  <span class="muted">{dateTime(memory.createdAt)}</span> {memory.text}
                </li>
              ))}
            </ol>
          </div>
        )}
      </section>
    </div>
  );
}

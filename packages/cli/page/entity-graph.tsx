import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import { useMemo } from 'preact/hooks';
import type { EntitiesAnswer } from './api.js';

interface GraphNode extends SimulationNodeDatum {
  id: string;
  label: string;
  entity: boolean;
  size: number;
}

const WIDTH = 720;
const HEIGHT = 460;

/** Entities and the memories that mention them, laid out by d3-force (run to rest, then drawn once as SVG). */
export function EntityGraph(props: {
  graph: EntitiesAnswer;
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  const layout = useMemo(() => {
    const texts = new Map(props.graph.memories.map((memory) => [memory.id, memory.text]));
    const entities: GraphNode[] = props.graph.entities
      .filter((entity) => entity.mergedInto === null)
      .map((entity) => ({
        id: `e:${entity.key}`,
        label: entity.name,
        entity: true,
        size: 5 + 3 * Math.sqrt(entity.mentionCount),
      }));
    const known = new Set(entities.map((node) => node.id));
    const mentions = props.graph.mentions.filter((link) => known.has(`e:${link.to}`));
    const memories: GraphNode[] = [...new Set(mentions.map((link) => link.from))].map((id) => ({
      id: `m:${id}`,
      label: texts.get(id) ?? id,
      entity: false,
      size: 3,
    }));
    const nodes = [...entities, ...memories];
    const links: SimulationLinkDatum<GraphNode>[] = mentions.map((link) => ({
      source: `m:${link.from}`,
      target: `e:${link.to}`,
    }));
    const simulation = forceSimulation(nodes)
      .force(
        'link',
        forceLink<GraphNode, SimulationLinkDatum<GraphNode>>(links)
          .id((node) => node.id)
          .distance(40),
      )
      .force('charge', forceManyBody().strength(-60))
      .force('center', forceCenter(WIDTH / 2, HEIGHT / 2))
      // A weak pull to the middle keeps unconnected groups (names in other scripts) on the canvas.
      .force('x', forceX<GraphNode>(WIDTH / 2).strength(0.06))
      .force('y', forceY<GraphNode>(HEIGHT / 2).strength(0.1))
      .force(
        'collide',
        forceCollide<GraphNode>().radius((node) => node.size + 2),
      )
      .stop();
    for (let tick = 0; tick < 300; tick++) simulation.tick();
    // Clamped by each node's own radius (and room for a label), so no circle is cut at the edge.
    const clamp = (value: number | undefined, max: number, margin: number) =>
      Math.max(margin, Math.min(max - margin, value ?? 0));
    for (const node of nodes) {
      node.x = clamp(node.x, WIDTH, node.size + 12);
      node.y = clamp(node.y, HEIGHT, node.size + 12);
    }
    return { nodes, links: links as { source: GraphNode; target: GraphNode }[] };
  }, [props.graph]);

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      class="entity-graph"
      role="img"
      aria-label="entity graph"
      data-testid="entity-graph"
    >
      {layout.links.map((link, index) => (
        <line key={index} x1={link.source.x} y1={link.source.y} x2={link.target.x} y2={link.target.y} class="edge" />
      ))}
      {layout.nodes.map((node) =>
        node.entity ? (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it has the role and keys of one
          <g
            key={node.id}
            class={`entity-node${props.selected === node.label ? ' selected' : ''}`}
            role="button"
            tabIndex={0}
            onClick={() => props.onSelect(node.label)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') props.onSelect(node.label);
            }}
            data-testid="entity-node"
          >
            <circle cx={node.x} cy={node.y} r={node.size} />
            <text x={(node.x ?? 0) + node.size + 3} y={(node.y ?? 0) + 4}>
              {node.label}
            </text>
          </g>
        ) : (
          <circle key={node.id} cx={node.x} cy={node.y} r={node.size} class="memory-node">
            <title>{node.label}</title>
          </circle>
        ),
      )}
    </svg>
  );
}

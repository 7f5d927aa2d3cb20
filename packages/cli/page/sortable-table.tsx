import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** One column: its header, the value it sorts by, and how a cell shows. */
export interface Column<Row> {
  key: string;
  label: string;
  title?: string;
  sortValue: (row: Row) => number | string | null;
  render?: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

/** A table whose header cells sort it (click again to reverse). */
export function SortableTable<Row>(props: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort: { key: string; descending: boolean };
  testId?: string;
}) {
  const [sort, setSort] = useState(props.initialSort);
  const column = props.columns.find((candidate) => candidate.key === sort.key) ?? props.columns[0]!;
  const rows = [...props.rows].sort((a, b) => {
    const left = column.sortValue(a);
    const right = column.sortValue(b);
    const order = left === right ? 0 : left === null ? 1 : right === null ? -1 : left < right ? -1 : 1;
    return sort.descending ? -order : order;
  });
  return (
    <table class="grid" data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((candidate) => (
            <th
              key={candidate.key}
              title={candidate.title}
              class={candidate.numeric ? 'numeric' : undefined}
              aria-sort={candidate.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              <button
                type="button"
                class="sort"
                onClick={() =>
                  setSort({
                    key: candidate.key,
                    descending: candidate.key === sort.key ? !sort.descending : candidate.numeric === true,
                  })
                }
              >
                {candidate.label}
                {candidate.key === sort.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((candidate) => (
              <td key={candidate.key} class={candidate.numeric ? 'numeric' : undefined}>
                {candidate.render ? candidate.render(row) : String(candidate.sortValue(row) ?? '–')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

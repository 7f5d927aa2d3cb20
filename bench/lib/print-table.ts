/** A table cell: numbers are printed with `digits` decimals. */
export type Cell = string | number | null | undefined;

/** Prints rows as an aligned plain-text table; the first row is the header. Numbers align right. */
export function printTable(
  rows: readonly (readonly Cell[])[],
  options: { digits?: number; title?: string } = {},
): void {
  console.log(formatTable(rows, options));
}

/** The text {@link printTable} prints. */
export function formatTable(
  rows: readonly (readonly Cell[])[],
  options: { digits?: number; title?: string } = {},
): string {
  const digits = options.digits ?? 3;
  const text = rows.map((row) => row.map((cell) => formatCell(cell, digits)));
  const columns = Math.max(0, ...text.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...text.map((row) => row[column]?.length ?? 0)),
  );
  const lines = text.map((row, rowIndex) =>
    row
      .map((cell, column) =>
        typeof rows[rowIndex]![column] === 'number' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd(),
  );
  if (lines.length > 1) lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return [...(options.title ? [options.title] : []), ...lines].join('\n');
}

function formatCell(cell: Cell, digits: number): string {
  if (cell === null || cell === undefined) return '-';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(digits);
  return cell;
}

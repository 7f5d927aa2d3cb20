// How numbers, dates and ids read on the page.

/** A 0..1 signal with two decimals. */
export function signal(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(2);
}

/** A share of a whole, as a percentage. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(0)}%` : '–';
}

/** A signed change, `+0.15` / `−0.02`. */
export function delta(after: number, before: number): string {
  const change = after - before;
  return `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(2)}`;
}

/** An ISO date as local `2026-03-14 09:30`. */
export function dateTime(iso: string | null): string {
  if (iso === null) return '–';
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Days with at most one decimal. */
export function days(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} d`;
}

import type { MemoryFilter } from '../memory-store.js';

/** A SQL condition over the `memories` table (alias-free) and its positional parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

// A metadata value as canonical JSON text, whatever SQLite type json_each reports it as.
const JSON_OF_VALUE = `CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null'
  WHEN 'object' THEN json(value) WHEN 'array' THEN json(value) ELSE json_quote(value) END`;

/** Translates a filter into SQL; keys are matched as data (json_each), never spliced into a path. */
export function filterCondition(filter: MemoryFilter | undefined): SqlCondition {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter?.includeArchived !== true) clauses.push('archived_at IS NULL');
  if (filter?.kinds !== undefined) {
    clauses.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.kinds));
  }
  for (const [key, expected] of Object.entries(filter?.metadata ?? {})) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(memories.metadata) WHERE key = ? AND ${JSON_OF_VALUE} = json(?))`);
    params.push(key, JSON.stringify(expected));
  }
  if (filter?.createdWithin !== undefined) {
    clauses.push(
      filter.createdWithin.length === 0
        ? '0'
        : `(${filter.createdWithin.map(() => '(created_at >= ? AND created_at < ?)').join(' OR ')})`,
    );
    for (const span of filter.createdWithin) params.push(span.from.getTime(), span.to.getTime());
  }
  if (filter?.ids !== undefined) {
    clauses.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  return { sql: clauses.length === 0 ? '1' : clauses.join(' AND '), params };
}

/** The reference a context renders for a memory and a model cites back: `m:<id>` (the full id). */
export function memoryReference(id: string): string {
  return `m:${id}`;
}

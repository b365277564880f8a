// The envelope every *.search method returns.
export function searchResult(
  data: unknown[],
  cursor: { limit: number; after: string | null; before: string | null },
  order: string | null,
  queryKey: string | null,
  maps: Record<string, unknown>,
) {
  return { data, maps, query: { queryKey }, cursor: { ...cursor, order } };
}

// Splitting long id lists into calls of at most 100, and following cursor.after through all pages.
import { malformed } from './reply';

/** Conduit's largest page, and the batch size for id, PHID and username lists. */
export const MAX_PAGE = 100;

export function chunk<T>(items: readonly T[], size = MAX_PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return MAX_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(limit)));
}

export interface Page<T> {
  data: T[];
  cursor: { after: string | null };
}

/**
 * Calls `fetchPage` with after = null, then with each page's cursor.after until it is null.
 * A server that hands back a cursor it already gave would loop forever; that is a malformed reply.
 */
export async function collectPages<T>(
  method: string,
  fetchPage: (after: string | null) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: Page<T> = await fetchPage(after);
    items.push(...page.data);
    const next = page.cursor.after;
    if (next === null || page.data.length === 0) return items;
    if (seen.has(next))
      throw malformed(method, `result.cursor.after repeats "${next}"; paging would never end`);
    seen.add(next);
    after = next;
  }
}

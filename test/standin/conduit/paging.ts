// Cursor paging of the *.search methods: `limit` (1..100, default 100), `after` and `before` cursors that
// name the id of the last/first object of a page, relative to the query's order.
import type { CallContext } from './router';
import { coreError } from './errors';
import { readInt } from './params';

const MAX_LIMIT = 100;

export interface PageRequest {
  limit: number;
  after: string | null;
  before: string | null;
}

export function readPaging(ctx: CallContext): PageRequest {
  const raw = ctx.params.limit;
  let limit = raw === undefined || raw === null || raw === '' ? MAX_LIMIT : readInt(raw, 'limit', ctx);
  if (limit === 0) limit = MAX_LIMIT;
  if (limit > MAX_LIMIT) {
    throw coreError(
      `Maximum page size for Conduit API method calls is ${MAX_LIMIT}, but this call specified ${limit}.`,
    );
  }
  limit = Math.max(1, limit);
  const cursor = (value: unknown) =>
    value === undefined || value === null || value === '' ? null : String(value as string | number);
  return { limit, after: cursor(ctx.params.after), before: cursor(ctx.params.before) };
}

export interface Page<T> {
  items: T[];
  cursor: { limit: number; after: string | null; before: string | null };
}

/**
 * Pages `sorted` (already in query order). A cursor names an object id; `locate` gives the sort position an
 * object with that id would take even when it no longer matches, as Phorge loads the cursor object itself.
 */
export function paginate<T>(
  sorted: T[],
  idOf: (item: T) => number,
  request: PageRequest,
  compareToCursor: (item: T, cursorId: number) => number | null,
  queryClass: string,
): Page<T> {
  let window = sorted;
  const resolve = (cursor: string) => {
    const id = Number(cursor);
    if (!Number.isInteger(id)) {
      throw coreError(`Cursor "${cursor}" does not identify a valid object in query "${queryClass}".`);
    }
    return id;
  };
  if (request.after !== null) {
    const id = resolve(request.after);
    window = sorted.filter((item) => {
      const order = compareToCursor(item, id);
      if (order === null)
        throw coreError(
          `Cursor "${request.after}" does not identify a valid object in query "${queryClass}".`,
        );
      return order > 0;
    });
  } else if (request.before !== null) {
    const id = resolve(request.before);
    const earlier = sorted.filter((item) => {
      const order = compareToCursor(item, id);
      if (order === null)
        throw coreError(
          `Cursor "${request.before}" does not identify a valid object in query "${queryClass}".`,
        );
      return order < 0;
    });
    window = earlier.slice(Math.max(0, earlier.length - request.limit));
  }
  const items = window.slice(0, request.limit);
  const more =
    window.length > request.limit || (request.before !== null && sorted.length > 0 && items.length > 0);
  const last = items[items.length - 1];
  const first = items[0];
  return {
    items,
    cursor: {
      limit: request.limit,
      after: more && last !== undefined ? String(idOf(last)) : null,
      before:
        (request.after !== null || request.before !== null) && first !== undefined
          ? String(idOf(first))
          : null,
    },
  };
}

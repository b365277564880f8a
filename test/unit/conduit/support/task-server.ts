// A fake maniphest.search over generated tasks, with Phorge's id constraint, newest-first order
// and cursor paging, to count the calls the client makes.
import { conduitError, conduitOk } from './fake-fetch';
import type { FakeAnswer, RecordedCall } from './fake-fetch';

export function fakeTask(id: number) {
  return {
    id,
    type: 'TASK',
    phid: `PHID-TASK-${String(id).padStart(20, '0')}`,
    fields: {
      name: `Task ${id}`,
      authorPHID: 'PHID-USER-author',
      ownerPHID: null,
      status: { value: 'open', name: 'Open', color: null },
      priority: { value: 100, name: 'Unbreak Now!', color: 'pink' },
      dateCreated: 1_700_000_000 + id,
      dateModified: 1_700_000_000 + id,
      dateClosed: null,
    },
    attachments: { projects: { projectPHIDs: [] }, subscribers: { subscriberPHIDs: [], subscriberCount: 0 } },
  };
}

export function maniphestSearch(allIds: number[]) {
  return (call: RecordedCall): FakeAnswer => {
    if (call.method !== 'maniphest.search') return conduitError('ERR-CONDUIT-CALL', `no ${call.method}`);
    const p = call.params as { constraints?: { ids?: number[] }; limit?: number; after?: string };
    const limit = p.limit ?? 100;
    if (limit > 100)
      return conduitError('ERR-CONDUIT-CORE', 'Maximum page size for Conduit API method calls is 100');
    const wanted = p.constraints?.ids ? new Set(p.constraints.ids) : null;
    const after = p.after === undefined ? Infinity : Number(p.after);
    const matching = allIds
      .filter((id) => (wanted ? wanted.has(id) : true) && id < after)
      .sort((a, b) => b - a);
    const page = matching.slice(0, limit);
    const more = matching.length > limit;
    return conduitOk({
      data: page.map(fakeTask),
      maps: {},
      query: { queryKey: null },
      cursor: { limit, after: more ? String(page[page.length - 1]) : null, before: null, order: null },
    });
  };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

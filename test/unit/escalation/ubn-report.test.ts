// The report's decisions and wording, without the network: declared and acknowledged owners,
// hostile titles, and the JSON shape cron jobs read.
import { describe, expect, it } from 'vitest';
import {
  buildUbnReport,
  printable,
  ubnReportJson,
  ubnReportText,
} from '../../../src/core/escalation/ubn-report';
import { teamContactFrom } from '../../../src/core/reminders/contact';
import type { TaskSnapshot } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, PHID, fixtureVocabulary, userMap } from './support';

function snapshot(id: number, title: string, ownerPHID: string | null = null): TaskSnapshot {
  return {
    id,
    phid: `PHID-TASK-${id}`,
    title,
    status: { value: 'open', name: 'Open' },
    priority: { value: 100, name: 'Unbreak Now!' },
    ownerPHID,
    authorPHID: PHID.erin,
    dateCreated: 0,
    dateModified: 0,
    dateClosed: null,
    projectPHIDs: [],
    subscriberPHIDs: [],
  };
}

const declared = new HistoryBuilder()
  .create(0, 'erin', 50)
  .priority(DAY, 'alice', 50, 100)
  .comment(DAY + HOUR, 'alice', '**Process owner:** @bob');
const acknowledged = new HistoryBuilder()
  .create(0, 'erin', 100)
  .priority(DAY, 'alice', 100, 50)
  .priority(2 * DAY, 'alice', 50, 100)
  .comment(2 * DAY + HOUR, 'alice', 'Process owner: @carol')
  .touch(2 * DAY + 2 * HOUR, 'carol');
const now = declared.t0 + 3 * DAY;

const report = buildUbnReport({
  instance: 'https://phab.example.org/',
  now,
  vocabulary: fixtureVocabulary(),
  users: userMap(),
  tasks: [
    {
      task: snapshot(21, 'Declared \u001b[31mred\u001b[0m title\nsecond line'),
      history: declared.newestFirst(),
    },
    { task: snapshot(22, 'Acknowledged'), history: acknowledged.newestFirst() },
  ],
});

describe('UBN! report', () => {
  it('reports declared and acknowledged owners with who declared them', () => {
    const json = ubnReportJson(report) as { tasks: Record<string, unknown>[] };
    expect(json.tasks.map((t) => t['id'])).toEqual([21, 22]);
    expect(json.tasks[0]).toMatchObject({
      url: 'https://phab.example.org/T21',
      escalationAgeSeconds: 2 * DAY,
      recurrence: 1,
      processOwner: { state: 'declared', username: 'bob', declaredBy: 'alice', acknowledgedAt: null },
      stale: [{ rule: 'not-acknowledged', severity: 'warning' }],
    });
    expect(json.tasks[1]).toMatchObject({
      recurrence: 2,
      processOwner: { state: 'acknowledged', username: 'carol' },
    });
  });

  it('prints titles without control characters, so a hostile title cannot drive the terminal', () => {
    const text = ubnReportText(report);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('T21  Declared \uFFFD[31mred\uFFFD[0m title second line');
    expect(text).toContain('  Process owner: @bob (declared by @alice, not acknowledged yet)');
    expect(text).toContain('  Process owner: @carol (declared by @alice, acknowledged)');
    expect(text).toContain('(escalated 2 times)');
    expect(printable('a\u202eb')).toBe('a\uFFFDb');
  });
});

describe('team contact for reminders', () => {
  it('takes the first team ownership names that can be reached', () => {
    expect(
      teamContactFrom([
        { team: 'Legacy', contacts: {} },
        {
          team: 'Release Engineering',
          contacts: { list: 'releng@lists.example.org', chat: '#releng', tag: 'RelEng' },
        },
      ]),
    ).toEqual({
      team: 'Release Engineering',
      contacts: [
        { kind: 'list', value: 'releng@lists.example.org' },
        { kind: 'channel', value: '#releng' },
        { kind: 'tag', value: 'RelEng' },
      ],
    });
    expect(teamContactFrom([])).toBeNull();
  });
});

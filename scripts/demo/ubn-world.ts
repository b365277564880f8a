// Scenarios for the browser benchmarks: the demo's people, projects and registry with N open UBN! tasks,
// every one stale (escalated 3 to 12 days ago), shaped like the demo's tasks: a creation group, an
// escalation, a few comments, and a process owner declared on every third.
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../test/standin/scenario';
import { DEMO_SCENARIO } from './settings';

const PROJECTS = [
  ['CentralAuth', 'MediaWiki-Authentication'],
  ['Echo'],
  ['MediaWiki-Uploading'],
  ['Notifications-Email-Digest'],
  ['Release-Engineering-Team'],
] as const;
const PEOPLE = ['alice', 'bob', 'carol', 'erin', 'hana', 'ivan', 'kim', 'lucas'] as const;
const SYMPTOMS = [
  'Users cannot log in on wiki',
  'Push notifications not delivered on wiki',
  'Uploads over 100 MB fail on wiki',
  'Email digests sent twice on wiki',
  'Deployment blocked by a failing canary for wiki',
];

export const FIRST_TASK_ID = 5001;

type Task = NonNullable<Scenario['tasks']>[number];
type Entry = NonNullable<Task['history']>[number];

function task(index: number): Task {
  const id = FIRST_TASK_ID + index;
  const author = PEOPLE[index % PEOPLE.length] ?? 'alice';
  const other = PEOPLE[(index + 3) % PEOPLE.length] ?? 'bob';
  const projects = [...(PROJECTS[index % PROJECTS.length] ?? ['Echo'])];
  // Escalated 3 to 12 days ago (spread by the index), so every task is stale however it is owned.
  const ageHours = 72 + ((index * 37) % 216);
  const at = `-${ageHours}h`;
  const history: Entry[] = [
    { type: 'create', by: author, at },
    { type: 'title', by: author, at, from: '', to: `${SYMPTOMS[index % SYMPTOMS.length]} ${id}` },
    {
      type: 'description',
      by: author,
      at,
      from: '',
      to: `Reported on wiki ${id}. Steps to reproduce in the comments.`,
    },
    { type: 'priority', by: author, at, from: 'triage', to: 'unbreak' },
    { type: 'projects', by: author, at, add: projects },
    { type: 'subscribers', by: author, at, add: [author] },
    { type: 'comment', by: other, at: `-${ageHours - 1}h`, text: 'Confirmed, this happens to me as well.' },
  ];
  if (index % 3 === 0) {
    history.push({
      type: 'comment',
      by: other,
      at: `-${ageHours - 2}h`,
      text: `Process owner: @${other}\n\nI will drive this one.`,
    });
  }
  history.push({ type: 'comment', by: author, at: `-${1 + (index % 20)}h`, text: 'Still happening today.' });
  return { id, author, dateCreated: at, history };
}

/** The demo world's users and projects with `count` stale open UBN! tasks (T5001 onwards). */
export function ubnWorld(count: number): Scenario {
  const demo = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8')) as Scenario;
  return {
    name: `benchmark: ${count} stale open UBN! tasks`,
    users: demo.users,
    projects: demo.projects ?? [],
    tasks: Array.from({ length: count }, (_, index) => task(index)),
  };
}

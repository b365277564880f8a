// Instance address and vocabulary helpers, over the captured priorities and statuses.
import { describe, expect, it } from 'vitest';
import {
  isClosedStatus,
  normalizeBaseUrl,
  openStatusValues,
  parseInstanceUrl,
  parseResult,
  priorityByKeyword,
  priorityByValue,
  priorityKeyword,
  priorityName,
  ubnPriority,
} from '../../../src/phabricator/conduit';
import type { PriorityLevel, StatusLevel } from '../../../src/core/model';
import { responseText } from './support/fixtures';
import { toStatusLevel } from '../../../src/phabricator/conduit/schemas/maniphest';

const priorities: PriorityLevel[] = parseResult(
  'maniphest.priority.search',
  JSON.parse(responseText('maniphest.priority.search')).result,
).data.map((p) => ({ value: p.value, name: p.name, keywords: p.keywords }));
const statuses: StatusLevel[] = parseResult(
  'maniphest.status.search',
  JSON.parse(responseText('maniphest.status.search')).result,
).data.map(toStatusLevel);

describe('instance address', () => {
  it.each([
    ['https://phabricator.wikimedia.org/', 'https://phabricator.wikimedia.org'],
    ['  http://127.0.0.1:8081  ', 'http://127.0.0.1:8081'],
    ['https://Phab.Example.org/T123#comment', 'https://phab.example.org'],
    ['https://phab.example.org:443/', 'https://phab.example.org'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it.each([
    ['', /enter the address/],
    ['phab.example.org', /not a URL/],
    ['javascript:alert(1)', /only http and https/],
    ['ftp://phab.example.org', /only http and https/],
    ['https://user:secret@phab.example.org', /user name and password/],
  ])('rejects %j with a message saying how to fix it', (input, message) => {
    const check = parseInstanceUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
    expect(() => normalizeBaseUrl(input)).toThrow(message);
  });
});

describe('priorities', () => {
  it('finds levels by value and keyword', () => {
    expect(priorityByValue(priorities, 80)?.name).toBe('High');
    expect(priorityByKeyword(priorities, 'WISHLIST')?.value).toBe(0);
    expect(priorityKeyword(priorities, 100)).toBe('unbreak');
    expect(priorityKeyword(priorities, 42)).toBeUndefined();
    expect(ubnPriority(priorities)?.name).toBe('Unbreak Now!');
    expect(priorityName(priorities, 90)).toBe('Needs Triage');
    expect(priorityName(priorities, 42)).toBe('Priority 42');
  });
});

describe('statuses', () => {
  it('knows which statuses are closed; unknown ones count as open', () => {
    expect(isClosedStatus(statuses, 'resolved')).toBe(true);
    expect(isClosedStatus(statuses, 'spite')).toBe(true);
    expect(isClosedStatus(statuses, 'open')).toBe(false);
    expect(isClosedStatus(statuses, 'stalled')).toBe(false);
    expect(openStatusValues(statuses)).toEqual(['open']);
  });
});

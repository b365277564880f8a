// A poll evaluates every changed task against one list of accounts and one list of projects: the lookups
// over them are built once per list, so evaluating a thousand tasks does not rebuild a map of every
// account (and the directory's signature) a thousand times. A new list, read after a change, gets its own.
import { describe, expect, it } from 'vitest';
import type { PhabProject, PhabUser } from '../../../src/core/model';
import { accountLookups, projectsByPhid } from '../../../src/background/evaluate-lookups';

const user = (username: string, phid: string): PhabUser => ({
  phid,
  username,
  realName: username,
  roles: [],
  availability: { value: 'available', until: null },
});

describe('evaluation lookups', () => {
  it('are built once per list of accounts and found by username and PHID', () => {
    const users = [user('alice', 'PHID-USER-a'), user('bob', 'PHID-USER-b')];
    const lookups = accountLookups(users);
    expect(accountLookups(users)).toBe(lookups);
    expect(lookups.byUsername.get('bob')?.phid).toBe('PHID-USER-b');
    expect(accountLookups([user('Carol', 'PHID-USER-c')]).byLowercaseName.get('carol')?.phid).toBe(
      'PHID-USER-c',
    );
    expect(lookups.byPhid.get('PHID-USER-a')?.username).toBe('alice');
    expect(lookups.directory.find({ username: 'alice', aliases: [] })?.phid).toBe('PHID-USER-a');
  });

  it('are new for a new list, so an account read again is what the next evaluation sees', () => {
    const before = [user('alice', 'PHID-USER-a')];
    const after: PhabUser[] = [
      { ...user('alice', 'PHID-USER-a'), availability: { value: 'away', until: 99 } },
    ];
    expect(accountLookups(after)).not.toBe(accountLookups(before));
    expect(accountLookups(after).byUsername.get('alice')?.availability.value).toBe('away');
    expect(accountLookups(after).directory.signature).not.toBe(accountLookups(before).directory.signature);
  });

  it('find projects by PHID, once per list', () => {
    const projects: PhabProject[] = [{ id: 1, phid: 'PHID-PROJ-1', name: 'Echo', slug: 'echo' }];
    expect(projectsByPhid(projects)).toBe(projectsByPhid(projects));
    expect(projectsByPhid(projects).get('PHID-PROJ-1')?.name).toBe('Echo');
  });
});

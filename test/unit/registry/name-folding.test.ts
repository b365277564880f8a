// Names are compared the way lookups find them: case, "_" for a space, runs of spaces and Unicode
// normalisation are folded. Two entries whose names fold to one are refused as listed twice, naming
// the earlier entry and its spelling, rather than read as one with half of what they say lost; the
// quick check of a well-formed document leaves such a document to zod, which says the same.
import { describe, expect, it } from 'vitest';
import { parseRegistryText } from '../../../src/core/registry/parse';
import { CheckedRegistryDocumentSchema } from '../../../src/core/registry/schema';
import { quickRegistryDocument } from '../../../src/core/registry/schema-fast';

const read = (text: string, source = 'owners.yaml') => parseRegistryText(text, { source });
const messages = (text: string, source?: string): string[] => {
  const result = read(text, source);
  return result.ok ? [] : result.errors.map((e) => e.message);
};

const teams = `
people:
  - {username: alice}
  - {username: bob}
teams:
  - {name: Platform Team, members: [alice]}
  - {name: Apps Team, members: [bob]}
`;

describe('names that fold to one lookup key', () => {
  it('refuses components differing only by case', () => {
    expect(
      messages(`${teams}
components:
  - {name: Mobile Apps, critical: true, stewards: [Platform Team]}
  - {name: mobile apps, stewards: [Apps Team]}
`),
    ).toEqual(['component "mobile apps" is listed twice (also components[0] as "Mobile Apps")']);
  });

  it('refuses components differing only by "_" for a space or by runs of spaces', () => {
    for (const other of ['Mobile_Apps', 'Mobile   Apps', 'mobile__apps']) {
      expect(
        messages(`${teams}
components:
  - {name: Mobile Apps, critical: true, stewards: [Platform Team]}
  - {name: '${other}', stewards: [Apps Team]}
`),
      ).toEqual([`component "${other}" is listed twice (also components[0] as "Mobile Apps")`]);
    }
  });

  it('refuses components whose names differ only in Unicode normalisation (NFC vs NFD)', () => {
    const nfc = 'Z\u00fcrich Maps';
    const nfd = 'Zu\u0308rich Maps';
    const result = read(`${teams}
components:
  - {name: ${nfc}, critical: true, stewards: [Platform Team]}
  - {name: ${nfd}, stewards: [Apps Team]}
`);
    expect(result.ok ? null : result.errors[0]).toMatchObject({
      path: 'components[1].name',
      line: 11,
      message: `component "${nfd}" is listed twice (also components[0], the same letters encoded differently)`,
    });
  });

  it('refuses teams "Platform Team" and "Platform_Team", which would lose one team\'s members', () => {
    expect(
      messages(`
people:
  - {username: alice}
  - {username: bob}
teams:
  - {name: Platform Team, members: [alice]}
  - {name: Platform_Team, members: [bob], contacts: {chat: '#platform'}}
components:
  - {name: Auth, stewards: [Platform Team]}
`),
    ).toEqual(['team "Platform_Team" is listed twice (also teams[0] as "Platform Team")']);
  });

  it('refuses people whose usernames differ only by "_" runs or case', () => {
    expect(
      messages(`
people:
  - {username: Anne_Marie}
  - {username: anne__marie}
components:
  - {name: Auth, stewards: [Anne_Marie]}
`),
    ).toEqual(['"anne__marie" is listed twice (also people[0] as "Anne_Marie")']);
  });

  it('accepts references spelled differently from the entry they name', () => {
    const result = read(`
people:
  - {username: Anne_Marie}
teams:
  - {name: Platform Team, members: [anne_marie], manager: ANNE_MARIE}
components:
  - {name: Auth, stewards: [Platform_Team, 'platform  team'], maintainers: [Anne Marie]}
fallback: platform_team
`);
    expect(
      result.ok ? result.value.components[0]!.stewards.map((s) => [s.kind, s.ref]) : result.errors,
    ).toEqual([
      ['team', 'platform team'],
      ['team', 'platform team'],
    ]);
  });

  it('gives the same verdict in JSON', () => {
    const json = JSON.stringify({
      teams: [{ name: 'Apps Team' }],
      components: [
        { name: 'Mobile Apps', stewards: ['Apps Team'] },
        { name: 'Mobile_Apps', stewards: ['Apps Team'] },
      ],
    });
    expect(messages(json, 'owners.json')).toEqual([
      'component "Mobile_Apps" is listed twice (also components[0] as "Mobile Apps")',
    ]);
  });

  it('the quick check leaves such a document to zod, which reports it', () => {
    const doc = {
      teams: [{ name: 'Platform Team' }, { name: 'Platform_Team' }],
      components: [{ name: 'Auth', stewards: ['Platform Team'] }],
    };
    expect(quickRegistryDocument(doc)).toBeNull();
    const checked = CheckedRegistryDocumentSchema.safeParse(doc);
    expect(checked.success ? [] : checked.error.issues.map((i) => i.message)).toEqual([
      'team "Platform_Team" is listed twice (also teams[0] as "Platform Team")',
    ]);
  });
});

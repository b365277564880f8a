import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageReport } from '../../../src/core/ownership/coverage';
import { importMaintainersPage } from '../../../src/core/registry/maintainers-page';
import { mergeRegistries } from '../../../src/core/registry/merge';
import { parseRegistryText } from '../../../src/core/registry/parse';
import type { RegistryData } from '../../../src/core/registry/types';

const wiki = (): RegistryData => {
  const text = readFileSync(
    new URL('../../fixtures/maintainers/api-query-revisions.json', import.meta.url),
    'utf8',
  );
  const result = importMaintainersPage(text);
  if (!result.ok) throw new Error('fixture must import');
  return result.value;
};

const native = (yaml: string, source = 'identity.yaml'): RegistryData => {
  const result = parseRegistryText(yaml, { source, revisionTime: 1795000000 });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

const TEAM_YAML = `
fallback: Release Engineering
people:
  - {username: tgr, name: Gergő Tisza, aliases: [Tgr]}
  - {username: anomie, name: Brad Jorsch, aliases: [Anomie], affiliation: volunteer}
teams:
  - name: Identity Team
    members: [tgr]
    contacts: {chat: '#identity'}
  - name: Release Engineering
components:
  - name: CentralAuth
    critical: true
    stewards: [Identity Team]
    maintainers: [tgr]
  - name: Echo
    critical: true
`;

describe('merging registry sources', () => {
  it('shows a steward disagreement as a conflict and keeps both claims with provenance', () => {
    const merged = mergeRegistries([native(TEAM_YAML), wiki()]);
    const centralAuth = merged.components.find((c) => c.name === 'CentralAuth')!;
    expect(centralAuth.stewards.map((s) => s.ref)).toEqual(['identity team']);
    expect(merged.conflicts).toEqual([
      {
        subject: 'component',
        name: 'CentralAuth',
        field: 'stewards',
        claims: [
          {
            value: 'Identity Team',
            provenance: expect.objectContaining({ source: 'identity.yaml', location: 'components[0]' }),
          },
          {
            value: 'Unassigned',
            provenance: expect.objectContaining({
              source: 'mediawiki.org Developers/Maintainers',
              location: 'table 2 (MediaWiki extensions), row 2',
              revisionTime: 1795106527,
            }),
          },
        ],
      },
      expect.objectContaining({ name: 'Echo', field: 'stewards' }),
    ]);
    expect(merged.sources.map((s) => s.kind)).toEqual(['native', 'wikitext']);
  });

  it('recognises the same person under a username, a wiki name and a real name', () => {
    const merged = mergeRegistries([native(TEAM_YAML), wiki()]);
    const tgr = merged.people.filter((p) => p.key === 'tgr' || p.name === 'Gergő Tisza');
    expect(tgr).toHaveLength(1);
    expect(tgr[0]!.provenance.map((p) => p.source)).toContain('mediawiki.org Developers/Maintainers');
    const auth = merged.components.find((c) => c.name === 'Authentication and Authorization')!;
    expect(auth.maintainers.map((m) => m.ref)).toContain('tgr');
    // The wiki names Anomie as a volunteer maintainer of Scribunto; the YAML knows him as anomie.
    const scribunto = merged.components.find((c) => c.name === 'Scribunto')!;
    expect(scribunto.maintainers.map((m) => m.ref)).toEqual(['anomie']);
  });

  it('keeps criticality from the native source and reports sources that disagree about a person', () => {
    const a = native(
      'people: [{username: ann, status: departed}]\ncomponents: [{name: Login, critical: true}]',
      'a.yaml',
    );
    const b = native('people: [{username: ann}]\ncomponents: [{name: Login, critical: false}]', 'b.yaml');
    const merged = mergeRegistries([a, b]);
    expect(merged.people[0]!.status).toBe('departed');
    expect(merged.components[0]!.critical).toBe(true);
    expect(
      merged.conflicts.map((c) => [
        c.subject,
        c.name,
        c.field,
        c.claims.map((x) => `${x.value}@${x.provenance.source}`),
      ]),
    ).toEqual([
      ['person', 'ann', 'status', ['departed@a.yaml', 'active@b.yaml']],
      ['component', 'Login', 'critical', ['true@a.yaml', 'false@b.yaml']],
    ]);
  });

  it('feeds the coverage report: CentralAuth gains a steward but stays under-covered', () => {
    const report = coverageReport(mergeRegistries([native(TEAM_YAML), wiki()]));
    expect(report.components.find((c) => c.name === 'CentralAuth')).toEqual({
      name: 'CentralAuth',
      stewards: ['Identity Team'],
      maintainers: ['Gergő Tisza (tgr)'],
      flags: ['under-covered'],
    });
    expect(report.summary.conflicts).toBe(2);
  });
});

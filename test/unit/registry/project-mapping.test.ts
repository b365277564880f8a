import { describe, expect, it } from 'vitest';
import type { PhabProject } from '../../../src/core/model';
import { mapComponentsToProjects, normaliseProjectName } from '../../../src/core/registry/project-mapping';
import { componentKey, type RegistryComponent } from '../../../src/core/registry/types';
import { exampleRegistry, projectPhid, projects, tasks } from '../ownership/captured-world';

const component = (name: string, phabricatorProjects: string[] = []): RegistryComponent => ({
  key: componentKey(name),
  name,
  description: null,
  paths: [],
  critical: false,
  phabricatorProjects,
  stewards: [],
  maintainers: [],
  consulted: [],
  formerly: [],
  provenance: [],
});

const wikimediaLike: PhabProject[] = [
  {
    id: 1,
    phid: 'PHID-PROJ-ca',
    name: 'MediaWiki-extensions-CentralAuth',
    slug: 'mediawiki-extensions-centralauth',
  },
  {
    id: 2,
    phid: 'PHID-PROJ-auth',
    name: 'MediaWiki-Authentication-and-authorization',
    slug: 'mediawiki-authentication-and-authorization',
  },
  { id: 3, phid: 'PHID-PROJ-echo', name: 'Notifications', slug: 'notifications' },
  { id: 4, phid: 'PHID-PROJ-cs', name: 'MediaWiki-Comment-store', slug: 'mediawiki-comment-store' },
  { id: 5, phid: 'PHID-PROJ-db1', name: 'Database', slug: 'database' },
  { id: 6, phid: 'PHID-PROJ-db2', name: 'MediaWiki-Database', slug: 'mediawiki-database' },
  { id: 7, phid: 'PHID-PROJ-ubn', name: 'Wikimedia-production-error', slug: 'wikimedia-production-error' },
];

describe('mapping components to Phabricator projects', () => {
  it('ignores case, spaces, hyphens and underscores', () => {
    expect(normaliseProjectName('Release_Engineering  Team')).toBe(
      normaliseProjectName('release-engineering-team'),
    );
  });

  it('normalises ASCII names on its shortcut exactly as the full Unicode pass does', () => {
    const full = (name: string) =>
      name
        .normalize('NFC')
        .toLowerCase()
        .replace(/[\s_\-–]+/g, '-')
        .replace(/^-+|-+$/g, '');
    const alphabet = ['a', 'Z', '0', '-', '--', '_', ' ', '\t', 'é', 'e\u0301', 'İ', 'K', '–', 'ß', '.'];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = [
      'MediaWiki-extensions-Echo',
      'Component-12',
      '-lead',
      'trail-',
      'a--b',
      ...projects.map((p) => p.name),
    ];
    for (let i = 0; i < 2000; i++)
      names.push(
        Array.from(
          { length: 1 + Math.floor(next() * 8) },
          () => alphabet[Math.floor(next() * alphabet.length)],
        ).join(''),
      );
    for (const name of names) expect(normaliseProjectName(name), name).toBe(full(name));
  });

  it('maps the example registry onto the captured instance', () => {
    const result = mapComponentsToProjects({ components: exampleRegistry().components, projects });
    expect(result.components.map((c) => [c.name, c.via, c.projectPHIDs])).toEqual([
      ['Authentication and Authorization', 'explicit', [projectPhid('MediaWiki-Authentication')]],
      ['CentralAuth', 'name', [projectPhid('CentralAuth')]],
      ['Echo', 'name', [projectPhid('Echo')]],
      ['Security', 'explicit', [projectPhid('Security')]],
      ['Deployment tooling', 'explicit', [projectPhid('Release-Engineering-Team')]],
      ['Legacy notification digests', 'none', []],
      ['Gadgets', 'none', []],
    ]);
    expect(result.unmatchedComponents.map((u) => u.name)).toEqual(['Legacy notification digests', 'Gadgets']);
  });

  it('matches wiki component names through MediaWiki-extensions-X and MediaWiki-X prefixes', () => {
    const result = mapComponentsToProjects({
      components: [
        component('CentralAuth'),
        component('Authentication and Authorization'),
        component('Comment store'),
      ],
      projects: wikimediaLike,
    });
    expect(result.components.map((c) => c.projectPHIDs)).toEqual([
      ['PHID-PROJ-ca'],
      ['PHID-PROJ-auth'],
      ['PHID-PROJ-cs'],
    ]);
  });

  it('prefers an exact name over a prefixed one and flags true ambiguity', () => {
    const result = mapComponentsToProjects({ components: [component('Database')], projects: wikimediaLike });
    expect(result.components[0]).toMatchObject({ projectPHIDs: ['PHID-PROJ-db1'], ambiguous: false });
    const twins = mapComponentsToProjects({
      components: [component('Echo')],
      projects: [
        { id: 1, phid: 'A', name: 'MediaWiki-extensions-Echo', slug: null },
        { id: 2, phid: 'B', name: 'MediaWiki-skins-Echo', slug: null },
      ],
    });
    expect(twins.components[0]).toMatchObject({ projectPHIDs: ['A', 'B'], ambiguous: true });
  });

  it('lets user overrides win, including a deliberate "no project"', () => {
    const result = mapComponentsToProjects({
      components: [component('Echo', ['Database']), component('Database')],
      projects: wikimediaLike,
      overrides: { echo: ['#notifications'], DATABASE: [] },
    });
    expect(result.components.map((c) => [c.via, c.projectPHIDs])).toEqual([
      ['override', ['PHID-PROJ-echo']],
      ['override', []],
    ]);
    expect(result.unmatchedComponents).toEqual([]);
  });

  it('reports explicit projects that do not exist and UBN! tags nobody claims', () => {
    const ubnTags = [...tasks.values()].flatMap((t) => t.projectPHIDs);
    const result = mapComponentsToProjects({
      components: [component('Echo', ['Echo', 'Flow'])],
      projects: [...projects, ...wikimediaLike],
      ubnTagPHIDs: [...ubnTags, 'PHID-PROJ-ubn', 'PHID-PROJ-gone'],
    });
    expect(result.components[0]!.unresolved).toEqual(['Flow']);
    expect(result.unmatchedUbnTags).toEqual([
      { phid: projectPhid('Release-Engineering-Team'), name: 'Release-Engineering-Team' },
      { phid: projectPhid('MediaWiki-Authentication'), name: 'MediaWiki-Authentication' },
      { phid: projectPhid('CentralAuth'), name: 'CentralAuth' },
      { phid: projectPhid('Security'), name: 'Security' },
      { phid: 'PHID-PROJ-ubn', name: 'Wikimedia-production-error' },
      { phid: 'PHID-PROJ-gone', name: null },
    ]);
  });
});

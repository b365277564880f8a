import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/core/registry/errors';
import { detectPageForm, importMaintainersPage } from '../../../src/core/registry/maintainers-page';
import type { RegistryData } from '../../../src/core/registry/types';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/maintainers/${name}`, import.meta.url), 'utf8');

function load(name: string): RegistryData {
  const result = importMaintainersPage(fixture(name));
  if (!result.ok) throw new Error(result.errors.map((e) => formatProblem(e)).join('\n'));
  return result.value;
}

/** Component → what a reader of the page would say about it. */
function summary(registry: RegistryData) {
  const team = (k: string) => registry.teams.find((t) => t.key === k)!;
  const person = (k: string) => registry.people.find((p) => p.key === k)!;
  const label = (c: { kind: string; ref: string }) => {
    if (c.kind === 'team') {
      const t = team(c.ref);
      return t.group ? `${t.group} / ${t.name}` : t.name;
    }
    const p = person(c.ref);
    return p.username ? `${p.name} (User:${p.username})` : p.name;
  };
  return Object.fromEntries(
    registry.components.map((c) => [
      c.name,
      {
        stewards: c.stewards.map(label),
        maintainers: c.maintainers.map(label),
        consulted: c.consulted.map(label),
        formerly: c.formerly.map((f) => `${f.role}: ${f.text}`),
        paths: c.paths,
      },
    ]),
  );
}

const EXPECTED = {
  API: {
    stewards: ['MediaWiki Engineering / MediaWiki Interfaces Team'],
    maintainers: ['Legoktm (User:Legoktm)'],
    consulted: [],
    formerly: [],
    paths: ['includes/api/'],
  },
  'Authentication and Authorization': {
    stewards: ['MediaWiki Engineering / MediaWiki Platform Team'],
    maintainers: ['Parent5446 (User:Parent5446)', 'Gergő Tisza', 'Taavi Väänänen (User:Taavi)'],
    consulted: ['Security / Security Team'],
    formerly: [],
    paths: ['includes/auth/', 'includes/session/', 'includes/password/'],
  },
  'Comment store': {
    stewards: [],
    maintainers: [],
    consulted: [],
    formerly: ['maintainer: Core Platform Team'],
    paths: ['includes/CommentStore/'],
  },
  Categories: {
    stewards: [],
    maintainers: ['Bawolff (User:Bawolff)'],
    consulted: [],
    formerly: [],
    paths: [],
  },
  'Dependency injection': {
    stewards: ['MediaWiki Engineering / MediaWiki Platform Team'],
    maintainers: ['Daniel Kinzler (User:Daniel Kinzler (WMDE))'],
    consulted: [],
    formerly: [],
    paths: [],
  },
  Database: {
    stewards: ['Data Persistence / SRE Data Persistence'],
    maintainers: ['Amir Sarabadani (User:Ladsgroup)', 'Dbuser (User:Dbuser)', 'Tim Starling'],
    consulted: ['SRE / Data Persistence'],
    formerly: [],
    paths: ['includes/libs/rdbms/'],
  },
  Parser: {
    stewards: ['Content Transform Team'],
    maintainers: ['C. Scott Ananian (User:Cscott)', 'Subbu Sastry (User:Subbu)', 'Arlolra (User:Arlolra)'],
    consulted: ['Language Team'],
    formerly: [],
    paths: [],
  },
  Installer: {
    stewards: [],
    maintainers: [],
    consulted: [],
    formerly: ['steward: Release Engineering'],
    paths: [],
  },
  CentralAuth: {
    stewards: [],
    maintainers: [],
    consulted: ['Security / Security Team'],
    formerly: ['maintainer: Gergő Tisza', 'maintainer: Anomie'],
    paths: ['includes/session/', 'maintenance/'],
  },
  Echo: {
    stewards: ['Product / Growth Team'],
    maintainers: ['Bob Brown (User:Bob)', 'Erin Evans'],
    consulted: [],
    formerly: [],
    paths: [],
  },
  OATHAuth: {
    stewards: ['MediaWiki Engineering / MediaWiki Platform Team', 'Security / Security Team'],
    maintainers: ['Reedy (User:Reedy)', 'Taavi Väänänen (User:Taavi)'],
    consulted: [],
    formerly: [],
    paths: [],
  },
  SyntaxHighlight: {
    stewards: ['Content Transform Team'],
    maintainers: ['Legoktm (User:Legoktm)'],
    consulted: [],
    formerly: ['maintainer: Ori Livneh'],
    paths: [],
  },
};

describe('Developers/Maintainers importer', () => {
  it.each([
    'api-parse.json',
    'api-query-revisions.json',
    'api-query-revisions.v1.json',
    'saved-page.html',
    'page.wikitext',
  ])('reads both table layouts from %s', (name) => {
    const registry = load(name);
    expect(registry.components).toHaveLength(18);
    expect(summary(registry)).toMatchObject(EXPECTED);
  });

  it('gives the HTML and the wikitext of the same page the same owners', () => {
    expect(summary(load('api-parse.json'))).toEqual(summary(load('api-query-revisions.json')));
  });

  it('keeps volunteers marked and one record per person across rows', () => {
    const registry = load('api-parse.json');
    expect(registry.people.find((p) => p.username === 'Bawolff')?.affiliation).toBe('volunteer');
    const legoktm = registry.people.filter((p) => p.username === 'Legoktm');
    expect(legoktm).toHaveLength(1);
    expect(legoktm[0]!.provenance.map((p) => p.location)).toEqual([
      'table 2 (MediaWiki core), row 1',
      'table 2 (MediaWiki core), row 8',
      'table 3 (MediaWiki extensions), row 6',
    ]);
  });

  it('records source, table, row, revision id and revision time for every claim', () => {
    const parsed = load('api-parse.json');
    expect(parsed.sources).toEqual([
      {
        label: 'mediawiki.org Developers/Maintainers',
        kind: 'wiki-html',
        revisionTime: null,
        revisionId: 7012345,
      },
    ]);
    const echo = parsed.components.find((c) => c.name === 'Echo')!;
    expect(echo.stewards[0]!.provenance).toEqual({
      source: 'mediawiki.org Developers/Maintainers',
      location: 'table 3 (MediaWiki extensions), row 3',
      revisionTime: null,
    });
    const query = load('api-query-revisions.json');
    expect(query.sources[0]).toMatchObject({
      kind: 'wikitext',
      revisionTime: Date.UTC(2026, 10, 19, 16, 42, 7) / 1000,
    });
    const echoWiki = query.components.find((c) => c.name === 'Echo')!;
    const line = echoWiki.stewards[0]!.provenance.line!;
    expect(fixture('page.wikitext').split('\n')[line - 1]).toBe('| [[Extension:Echo|Echo]]');
    expect(echoWiki.stewards[0]!.provenance.revisionTime).toBe(query.sources[0]!.revisionTime);
  });

  it('counts a rowspan steward once per component it spans', () => {
    const registry = load('api-parse.json');
    const scribunto = registry.components.find((c) => c.name === 'Scribunto')!;
    const syntax = registry.components.find((c) => c.name === 'SyntaxHighlight')!;
    expect(scribunto.stewards.map((s) => s.ref)).toEqual(['content transform team']);
    expect(syntax.stewards.map((s) => s.ref)).toEqual(['content transform team']);
  });

  it('warns about a row without a component name instead of dropping it silently', () => {
    const result = importMaintainersPage(fixture('api-parse.json'));
    expect(result.warnings.map((w) => w.message)).toEqual([
      'table 2 (MediaWiki core), row 13 has no Component name and was skipped',
    ]);
  });

  it.each([
    ['no-tables.api-parse.json', /the page has no tables/],
    [
      'api-error.missingtitle.json',
      /MediaWiki API answered with error "missingtitle": The page you specified doesn't exist/,
    ],
    [
      'unknown-columns.html',
      /table 1 \(under "Skins"\) has columns "Component \| Owner \| Notes": unknown columns "Owner", "Notes"; missing steward, maintainer/,
    ],
  ])('refuses %s with a clear message', (name, message) => {
    const result = importMaintainersPage(fixture(name));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => formatProblem(e)).join('\n')).toMatch(message);
  });

  it('refuses an action=query reply for a missing page and JSON that is neither reply', () => {
    const missing = importMaintainersPage(
      JSON.stringify({ query: { pages: { '-1': { title: 'Developers/Maintainerz', missing: '' } } } }),
    );
    expect(missing.ok === false && missing.errors[0]!.message).toBe(
      'the page "Developers/Maintainerz" does not exist on the wiki',
    );
    const other = importMaintainersPage('{"hello": 1}');
    expect(other.ok === false && other.errors[0]!.message).toMatch(
      /neither an action=parse nor an action=query reply/,
    );
  });

  it.each([
    ['{"parse":{}}', 'api-json'],
    ['<!DOCTYPE html><html>', 'html'],
    ['<div class="mw-parser-output"><table>', 'html'],
    ['{| class="wikitable"\n|}', 'wikitext'],
    ['{{Navigation}}\n== Core ==', 'wikitext'],
  ])('detects the form of %j', (text, form) => {
    expect(detectPageForm(text)).toBe(form);
  });
});

// Registry input whose cost grows faster than its size. Each case times the same work at 1× and
// at k× input and asserts the time grows at most about linearly (a ratio, never a wall-clock limit: the
// machine's speed cancels out). Linear work grows about k× (up to 2k× with garbage collection, more on
// a loaded machine); quadratic work grows k²× (256× at 16×), far above the 48× allowed.
import { describe, expect, it } from 'vitest';
import { importMaintainersPage } from '../../../src/core/registry/maintainers-page';
import { mergeRegistries } from '../../../src/core/registry/merge';
import { parseRegistryText } from '../../../src/core/registry/parse';
import type { RegistryData } from '../../../src/core/registry/types';
import { growthRatio } from './growth-ratio';

/** t(k×) / t(1×) for input built by `make(scale)`. */
function growth<T>(make: (scale: number) => T, run: (input: T) => unknown, k: number, limit: number): number {
  return growthRatio(make(1), make(k), run, limit);
}

function registry(doc: unknown, source: string): RegistryData {
  const read = parseRegistryText(JSON.stringify(doc), { source });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.value;
}

/** The team's own file names a component, or a team, that the wiki page names too. */
const wikiLike = registry(
  {
    people: [{ username: 'alice' }],
    teams: [{ name: 'Platform Team', members: ['alice'] }],
    components: [{ name: 'MediaWiki core', paths: ['includes/'], stewards: ['Platform Team'] }],
  },
  'wiki',
);

describe('merging two registry sources is linear in their size', () => {
  it('a component listing many paths, also named by another source (16× input < 48× time)', () => {
    const make = (s: number) =>
      registry(
        {
          components: [
            { name: 'MediaWiki core', paths: Array.from({ length: 5000 * s }, (_, i) => `p${i}/`) },
          ],
        },
        'team file',
      );
    expect(growth(make, (team) => mergeRegistries([wikiLike, team]), 16, 48)).toBeLessThan(48);
  }, 120_000);

  it('a team with many members, also named by another source (16× input < 48× time)', () => {
    const make = (s: number) => {
      const people = Array.from({ length: 5000 * s }, (_, i) => ({ username: `u${i}` }));
      return registry(
        { people, teams: [{ name: 'Platform Team', members: people.map((p) => p.username) }] },
        'team file',
      );
    };
    expect(growth(make, (team) => mergeRegistries([wikiLike, team]), 16, 48)).toBeLessThan(48);
  }, 120_000);

  it('a component naming many maintainers, also named by another source (16× input < 48× time)', () => {
    const make = (s: number) => {
      const people = Array.from({ length: 5000 * s }, (_, i) => ({ username: `u${i}` }));
      return registry(
        { people, components: [{ name: 'MediaWiki core', maintainers: people.map((p) => p.username) }] },
        'team file',
      );
    };
    expect(growth(make, (team) => mergeRegistries([wikiLike, team]), 16, 48)).toBeLessThan(48);
  }, 120_000);
});

describe('importing a Maintainers page is linear in its size', () => {
  it('one user page linked under many different link texts (16× input < 32× time)', () => {
    // A vandalised cell: [[User:X|n0]], [[User:X|n1]], ... (each text becomes one more alias of X).
    const make = (s: number) => {
      const cells = Array.from({ length: 2000 * s }, (_, i) => `[[User:X|n${i}]]`).join(', ');
      return `{| class="wikitable"\n! Component !! Steward !! Individual maintainer\n|-\n| C || Group (T) || ${cells}\n|}`;
    };
    expect(growth(make, (page) => importMaintainersPage(page), 16, 32)).toBeLessThan(32);
  }, 120_000);

  it('a long description cell spanning many rows (16× input < 48× time)', () => {
    // One description "paths: ..." with rowspan over as many rows as the page has components: each row's
    // component reads the whole cell again, and keeps its own copy of every path.
    const make = (s: number) => {
      const rows = 25 * s;
      const description = `paths: ${Array.from({ length: 1000 * s }, (_, i) => `p${i}/`).join(' ')}`;
      let html =
        '<table class="wikitable"><tr><th>Component</th><th>Description</th><th>Steward</th><th>Individual maintainer</th></tr>';
      html += `<tr><td>C0</td><td rowspan="${rows}">${description}</td><td>G (T)</td><td>x</td></tr>`;
      for (let i = 1; i < rows; i++) html += `<tr><td>C${i}</td><td>G (T)</td><td>x</td></tr>`;
      return `${html}</table>`;
    };
    expect(growth(make, (page) => importMaintainersPage(page), 16, 48)).toBeLessThan(48);
  }, 120_000);
});

// A registry file saved with a UTF-8 byte order mark (Windows Notepad, some editors and exports
// do this) reads as the same file without one, as YAML and as JSON (JSON.parse alone refuses it, naming a
// character the user cannot see). The registry keepers' CI command (`steward coverage registry.json`) and
// a pasted document both go through this parser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../../src/cli/coverage';
import { importMaintainersPage } from '../../../src/core/registry/maintainers-page';
import { parseRegistryText } from '../../../src/core/registry/parse';

const BOM = '\uFEFF';
const registry = {
  people: [{ username: 'alice' }],
  teams: [{ name: 'Platform Team', members: ['alice'] }],
  components: [{ name: 'Login', stewards: ['Platform Team'] }],
};
const tmp = mkdtempSync(join(tmpdir(), 'steward-bom-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a registry saved with a byte order mark', () => {
  it('a YAML registry with a BOM reads (the baseline)', () => {
    const read = parseRegistryText(`${BOM}components:\n  - name: Login\n`, { source: 'pasted' });
    expect(read.ok).toBe(true);
  });

  it('a JSON registry with a BOM reads like the same file without one', () => {
    const read = parseRegistryText(BOM + JSON.stringify(registry, null, 2), { source: 'pasted' });
    expect(read.ok ? [] : read.errors.map((e) => e.message)).toEqual([]);
    expect(read.ok && read.value.components.map((c) => c.name)).toEqual(['Login']);
  });

  it('`steward coverage` accepts a JSON registry file saved with a BOM', async () => {
    const file = join(tmp, 'registry.json');
    writeFileSync(file, BOM + JSON.stringify(registry, null, 2), 'utf8');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCoverage([file], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(err.join('')).not.toMatch(/not valid JSON/);
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/Login/);
  });

  it('a saved MediaWiki API reply with a BOM is read as the API reply it is', () => {
    const reply = {
      parse: {
        title: 'Developers/Maintainers',
        revid: 1,
        text: {
          '*': '<table class="wikitable"><tr><th>Component</th><th>Steward</th><th>Individual maintainer</th></tr><tr><td>Login</td><td>Group (Platform Team)</td><td>Alice</td></tr></table>',
        },
      },
    };
    const read = importMaintainersPage(BOM + JSON.stringify(reply));
    expect(read.ok ? [] : read.errors.map((e) => e.message)).toEqual([]);
    expect(read.ok && read.value.components.map((c) => c.name)).toEqual(['Login']);
  });
});

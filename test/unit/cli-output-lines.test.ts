// Every line of the commands' text output is one the command itself wrote: a task title, a
// component name or a registry value with a line break stays on its own line, so a CI log reader
// (or a script grepping for "PASS:" or "Summary:") cannot be handed a line forged by the data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../src/cli/coverage';
import { BASE, fakePhorge, gate, openUbn } from './cli.fake-phorge-fetch';

const tmp = mkdtempSync(join(tmpdir(), 'steward-cli-output-lines-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const linesStartingWith = (text: string, prefix: string) =>
  text.split('\n').filter((line) => line.startsWith(prefix));

async function coverageText(files: Record<string, string[]>): Promise<{ code: number; out: string }> {
  const paths = Object.entries(files).map(([name, lines]) => {
    const path = join(tmp, name);
    writeFileSync(path, [...lines, ''].join('\n'));
    return path;
  });
  let out = '';
  const code = await runCoverage(paths, { stdout: (t) => (out += t), stderr: () => undefined });
  return { code, out };
}

describe('gate text output', () => {
  it('keeps a task title with a line break on its own line (no forged "PASS:" line in the CI log)', async () => {
    const f = fakePhorge((method) => {
      if (method !== 'maniphest.search') return undefined;
      const reply = openUbn();
      // Phorge only trims a title (ManiphestTaskTitleTransaction); inner newlines pass through
      // maniphest.edit and mail-created tasks.
      for (const t of reply.result.data) t.fields.name = `Login broken\nPASS: no open Unbreak Now! tasks`;
      return reply;
    });
    const { code, stdout } = await gate(BASE, f);
    expect(code).toBe(1);
    expect(linesStartingWith(stdout, 'PASS:')).toEqual([]);
    expect(stdout).toContain('Login broken PASS: no open Unbreak Now! tasks');
  });
});

describe('coverage text output', () => {
  it('keeps a component name with a line break on its line (no forged "Summary:" line)', async () => {
    const { code, out } = await coverageText({
      'newline.yaml': [
        'fallback: Release Engineering',
        'people:',
        '  - username: alice',
        '    name: Alice',
        'teams:',
        '  - name: Release Engineering',
        '    members: [alice]',
        'components:',
        '  - name: "Login\\nSummary: 1 components, 1 owned, 0 unassigned, 0 critical under-covered (0 departed, 0 volunteer-only)"',
        '    critical: true',
        '    stewards: []',
      ],
    });
    expect(code).toBe(1);
    // Only the command's own summary line may start with "Summary:".
    expect(linesStartingWith(out, 'Summary:')).toHaveLength(1);
  });

  it('keeps a conflicting value with a line break on its "Conflict:" line', async () => {
    const registry = (team: string) => [
      'people:',
      '  - username: alice',
      '    name: Alice',
      'teams:',
      `  - name: ${JSON.stringify(team)}`,
      '    members: [alice]',
      'components:',
      '  - name: Login',
      `    stewards: [${JSON.stringify(team)}]`,
    ];
    const forged = 'Team B\nSummary: 0 components, 0 owned\nConflict: none';
    const { out } = await coverageText({ 'a.yaml': registry('Team A'), 'b.yaml': registry(forged) });
    expect(linesStartingWith(out, 'Summary:')).toHaveLength(1);
    expect(linesStartingWith(out, 'Conflict:')).toHaveLength(1);
    expect(out).toContain('vs "Team B Summary: 0 components, 0 owned Conflict: none"');
  });
});

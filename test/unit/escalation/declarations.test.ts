// Which comment lines declare a process owner, as a person writing remarkup would expect.
import { describe, expect, it } from 'vitest';
import { findDeclarations, parseDeclaration } from '../../../src/core/escalation/declarations';

const bob = { kind: 'declare', username: 'bob' } as const;
const release = { kind: 'release' } as const;

describe('process owner declarations in comments', () => {
  it.each([
    ['Process owner: @bob', bob],
    ['process owner: @bob', bob],
    ['PROCESS OWNER:@bob', bob],
    ['  Process owner: @bob'.trimStart(), bob],
    ['Process owner :   @bob   (until Friday)', bob],
    ['**Process owner:** @bob', bob],
    ['**Process owner**: @bob', bob],
    ['**Process owner: @bob**', bob],
    ['//Process owner:// @bob', bob],
    ['- Process owner: @bob', bob],
    ['Process-owner: @bob', bob],
    ['Process owner: @bob.', bob],
    ['Process owner: @triage-bot', { kind: 'declare', username: 'triage-bot' }],
    ['Process owner: @j.doe_2', { kind: 'declare', username: 'j.doe_2' }],
    ['Process owner: none', release],
    ['Process owner: None, handing back', release],
    ['**Process owner:** none', release],
  ])('%j declares %j', (line, expected) => {
    expect(parseDeclaration(line)).toEqual(expected);
  });

  it.each([
    ['quoted', '> Process owner: @bob'],
    ['quoted reply', '>>!In T14#155, @alice wrote:\n> Process owner: @bob'],
    ['fenced code', '```\nProcess owner: @bob\n```'],
    ['fenced code with language', '```lang=text\nProcess owner: @bob\n```'],
    ['indented code (two spaces)', 'Example:\n\n  Process owner: @bob'],
    ['indented code (tab)', '\tProcess owner: @bob'],
    ['inline code', '`Process owner: @bob`'],
    ['mid-sentence', 'We still need a Process owner: @bob maybe?'],
    ['no username', 'Process owner: '],
    ['not a mention', 'Process owner: TBD'],
    ['plain mention', 'Can @bob be the process owner?'],
  ])('a %s line declares nothing', (_what, text) => {
    expect(parseDeclaration(text)).toBeNull();
  });

  it('a line after a closed fence counts again', () => {
    expect(parseDeclaration('```\nProcess owner: @alice\n```\nProcess owner: @bob')).toEqual(bob);
    expect(parseDeclaration('```one-line```\nProcess owner: @bob')).toEqual(bob);
    expect(parseDeclaration('```\ncode\nmore```\nProcess owner: @bob')).toEqual(bob);
  });

  it('an unclosed fence hides everything after it', () => {
    expect(parseDeclaration('```\nProcess owner: @bob')).toBeNull();
  });

  it('the last line of a comment wins', () => {
    const text = 'Process owner: @alice\nSorry, wrong person.\nProcess owner: @bob';
    expect(findDeclarations(text)).toEqual([{ kind: 'declare', username: 'alice' }, bob]);
    expect(parseDeclaration(text)).toEqual(bob);
    expect(parseDeclaration('Process owner: @bob\r\nProcess owner: none')).toEqual(release);
  });
});

describe('usernames with emphasis markers in them', () => {
  it('keeps a double underscore inside the username', () => {
    expect(parseDeclaration('Process owner: @jane__wmf')).toEqual({ kind: 'declare', username: 'jane__wmf' });
  });
  it('still strips bold around the label', () => {
    expect(parseDeclaration('**Process owner:** @jane__wmf')).toEqual({
      kind: 'declare',
      username: 'jane__wmf',
    });
  });
  it('takes emphasis off around the value, not inside it', () => {
    expect(parseDeclaration('Process owner: **@jane__wmf**')).toEqual({
      kind: 'declare',
      username: 'jane__wmf',
    });
    expect(parseDeclaration('Process owner: //none//')).toEqual({ kind: 'release' });
    expect(parseDeclaration(`Process owner: ${'**'.repeat(5000)}@x`)).toEqual({
      kind: 'declare',
      username: 'x',
    });
  });
});

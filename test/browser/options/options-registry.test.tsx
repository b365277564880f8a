// #registry: sources with what the worker made of them, validation in place, overrides and coverage.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { WIKIMEDIA_MAINTAINERS_SOURCE, defaultSettings } from '../../../src/shared/settings';
import { fail, fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import {
  buttonIn,
  errorOf,
  field,
  loaded,
  mountOptions,
  replaceText,
  savedSettings,
  section,
  text,
  unmountOptions,
} from './harness';

afterEach(unmountOptions);

function worker(settings: unknown = configuredSettings()) {
  return fakeWorker({
    'settings/get': ok(settingsViewOf(settings)),
    'settings/save': ok(null),
    'registry/status': ok(registryStatus),
    'registry/refresh': ok(null),
  });
}

async function open(w = worker()) {
  const options = mountOptions(w);
  await loaded(options);
  await vi.waitFor(() => expect(options.root.querySelector('.coverage')).not.toBeNull());
  return { options, registry: section(options.root, 'registry') };
}

function card(scope: HTMLElement, id: string): HTMLElement {
  const found = scope.querySelector<HTMLElement>(`[data-source="${id}"]`);
  if (!found) throw new Error(`no source card ${id}`);
  return found;
}

describe('registry sources', () => {
  it("shows each source's status from the worker: components, age, stale copy and its problems", async () => {
    const { registry } = await open();
    expect(text(card(registry, 'mediawiki-maintainers').querySelector('.source-status'))).toBe(
      '212 components, read 3 hours ago.',
    );
    const team = card(registry, 'team-registry').querySelector('.source-status') as HTMLElement;
    expect(team.dataset.stale).toBe('true');
    expect(text(team)).toContain('Showing the last good copy.');
    expect(text(team)).toContain('The document does not validate; the copy from yesterday is used.');
    expect(Array.from(team.querySelectorAll('.problems li')).map(text)).toEqual([
      'line 4:7: components[0].stewards[0]: unknown team "Platfrom" (expected a name from teams)',
    ]);
  });

  it('checks a pasted document before saving and shows its problems with line numbers, keeping the text', async () => {
    const { options, registry } = await open();
    const textarea = field<HTMLTextAreaElement>(card(registry, 'team-registry'), /Registry document/);
    const broken = 'components:\n  - name: CentralAuth\n    critical: maybe\n';
    await replaceText(textarea, broken);
    await userEvent.click(buttonIn(registry, /Save registry/));
    expect(errorOf(textarea)).toMatch(/line 3.*critical/);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(textarea.value).toBe(broken);
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  /** As a paste does: the whole text arrives in one input event. */
  function paste(control: HTMLTextAreaElement, value: string): void {
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('says a pasted alias bomb is refused, at its line, instead of failing silently', async () => {
    const { options, registry } = await open();
    const textarea = field<HTMLTextAreaElement>(card(registry, 'team-registry'), /Registry document/);
    const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    paste(textarea, levels.join('\n'));
    await userEvent.click(buttonIn(registry, /Save registry/));
    await vi.waitFor(() =>
      expect(errorOf(textarea)).toMatch(/^line 6:\d+: the document expands to more than 1,000,000 values/),
    );
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  it('checks the size of a pasted document before reading it', async () => {
    const { options, registry } = await open();
    const textarea = field<HTMLTextAreaElement>(card(registry, 'team-registry'), /Registry document/);
    paste(textarea, `components: [${'x, '.repeat(800_000)}x]`);
    // Let the form take the pasted text in, then press Save with a plain DOM click: the test
    // driver's actionability checks have nothing to add for a 2 MB textarea and take seconds.
    await new Promise((resolve) => setTimeout(resolve, 100));
    buttonIn(registry, /Save registry/).click();
    await vi.waitFor(() =>
      expect(errorOf(textarea)).toBe(
        'This document is 2.4 million characters; Steward reads pasted documents up to 2 million. Publish it at an address and add that instead.',
      ),
    );
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  it('lists every problem of a pasted document, not only the first few', async () => {
    const { registry } = await open();
    const textarea = field<HTMLTextAreaElement>(card(registry, 'team-registry'), /Registry document/);
    paste(textarea, Array.from({ length: 12 }, (_, i) => `unknown${i}: 1`).join('\n'));
    await userEvent.click(buttonIn(registry, /Save registry/));
    await vi.waitFor(() => expect(errorOf(textarea)?.match(/unknown field/g)).toHaveLength(12));
  });

  it('refuses a registry address that is not http(s)', async () => {
    const { options, registry } = await open(worker(defaultSettings()));
    await userEvent.click(buttonIn(registry, /Add a registry address/));
    const url = field(registry, /^Address$/);
    await userEvent.type(url, 'file:///etc/registry.yaml');
    await userEvent.click(buttonIn(registry, /Save registry/));
    expect(errorOf(url)).toBe('Enter a full http or https address.');
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  it('adds the Wikimedia Developers/Maintainers page as it is defined in settings', async () => {
    const { options, registry } = await open(worker(defaultSettings()));
    expect(text(registry)).toContain('No source yet.');
    await userEvent.click(buttonIn(registry, /Add the Wikimedia Developers\/Maintainers page/));
    expect(() => buttonIn(registry, /Add the Wikimedia/)).toThrow();
    await userEvent.click(buttonIn(registry, /Save registry/));
    await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
    expect((savedSettings(options.worker).registry as { sources: unknown[] }).sources).toEqual([
      WIKIMEDIA_MAINTAINERS_SOURCE,
    ]);
    // The worker is asked what it made of the new source.
    await vi.waitFor(() => expect(options.worker.sent('registry/status').length).toBeGreaterThanOrEqual(2));
  });

  it('disables and removes sources', async () => {
    const { options, registry } = await open();
    await userEvent.click(field(card(registry, 'mediawiki-maintainers'), /Use this source/));
    await userEvent.click(buttonIn(card(registry, 'team-registry'), /Remove Team registry/));
    await userEvent.click(buttonIn(registry, /Save registry/));
    await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
    expect((savedSettings(options.worker).registry as { sources: unknown[] }).sources).toEqual([
      { ...WIKIMEDIA_MAINTAINERS_SOURCE, enabled: false },
    ]);
  });

  it('shows the worker refusing a source beside its field', async () => {
    const w = worker();
    w.answer('settings/save', fail('bad-request', 'registry.sources.0.url: Invalid URL'));
    const { registry } = await open(w);
    const url = field(card(registry, 'mediawiki-maintainers'), /^Address$/);
    await userEvent.click(buttonIn(registry, /Save registry/));
    await vi.waitFor(() => expect(errorOf(url)).toBe('Invalid URL'));
  });
});

describe('overrides', () => {
  it('edits component → projects and saves them as a map', async () => {
    const { options, registry } = await open();
    await userEvent.click(buttonIn(registry, /Add an override/));
    await userEvent.type(field(registry, /Component of override 2/), 'ORES');
    await userEvent.type(field(registry, /Projects of override 2/), 'Machine-Learning-Team, ORES');
    await userEvent.click(buttonIn(registry, /Save registry/));
    await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
    expect((savedSettings(options.worker).registry as { overrides: unknown }).overrides).toEqual({
      'MediaWiki-Authentication': ['MediaWiki-Authentication', 'Security'],
      ORES: ['Machine-Learning-Team', 'ORES'],
    });
  });

  it('says in place what an override lacks', async () => {
    const { options, registry } = await open();
    await userEvent.click(buttonIn(registry, /Add an override/));
    const component = field(registry, /Component of override 2/);
    await userEvent.type(component, 'MediaWiki-Authentication');
    await userEvent.click(buttonIn(registry, /Save registry/));
    expect(errorOf(component)).toBe('MediaWiki-Authentication is already overridden above.');
    expect(errorOf(field(registry, /Projects of override 2/))).toBe('Name at least one project.');
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });
});

describe('coverage and refresh', () => {
  it('summarises coverage and lists the components that match no project', async () => {
    const { registry } = await open();
    const coverage = registry.querySelector('.coverage') as HTMLElement;
    const terms = Array.from(coverage.querySelectorAll('dt')).map(text);
    const values = Array.from(coverage.querySelectorAll('dd')).map(text);
    expect(Object.fromEntries(terms.map((term, i) => [term, values[i]]))).toEqual({
      Components: '213',
      'With a live steward': '160',
      Unassigned: '41',
      'Critical, short of owners': '3',
    });
    expect(text(coverage.querySelector('summary'))).toBe('2 components match no Phabricator project');
    expect(Array.from(coverage.querySelectorAll('details li')).map(text)).toEqual([
      'Wikimedia-Site-requests',
      'ORES',
    ]);
  });

  it('Refresh asks the worker to read the sources again, then shows the new status', async () => {
    const { options, registry } = await open();
    const before = options.worker.sent('registry/status').length;
    await userEvent.click(buttonIn(registry, /Refresh the registry now/));
    await vi.waitFor(() => expect(options.worker.sent('registry/refresh')).toHaveLength(1));
    await vi.waitFor(() => expect(options.worker.sent('registry/status').length).toBe(before + 1));
  });

  it('shows why a refresh failed', async () => {
    const w = worker();
    w.answer('registry/refresh', fail('network', 'www.mediawiki.org did not answer.'));
    const { registry } = await open(w);
    await userEvent.click(buttonIn(registry, /Refresh the registry now/));
    await vi.waitFor(() =>
      expect(text(registry.querySelector('.row-buttons [role="alert"]'))).toBe(
        'www.mediawiki.org did not answer.',
      ),
    );
  });
});

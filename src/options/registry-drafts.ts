// Registry sources and overrides as the form edits them, and their checks before saving. A pasted
// document is validated here with the same parser the worker uses, so its errors show with line numbers
// before anything is stored.
import { safeHref } from '../shared/safe-href';
import { formatProblem } from '../core/registry/errors';
import { parseRegistryText } from '../core/registry/parse';
import { MAX_INLINE_REGISTRY_CHARS, type RegistrySource, type Settings } from '../shared/settings';
import { t } from '../ui/i18n';
import type { FieldErrors } from './field-errors';
import { newKey, sourceId } from './keys';

export type SourceKind = RegistrySource['kind'];

export interface SourceDraft {
  key: string;
  id: string;
  kind: SourceKind;
  name: string;
  url: string;
  text: string;
  enabled: boolean;
}

export interface OverrideDraft {
  key: string;
  component: string;
  projects: string;
}

export function toSourceDrafts(sources: RegistrySource[]): SourceDraft[] {
  return sources.map((s) => ({
    key: newKey(),
    id: s.id,
    kind: s.kind,
    name: s.name,
    url: s.kind === 'inline' ? '' : s.url,
    text: s.kind === 'inline' ? s.text : '',
    enabled: s.enabled,
  }));
}

export function toOverrideDrafts(overrides: Record<string, string[]>): OverrideDraft[] {
  return Object.entries(overrides).map(([component, projects]) => ({
    key: newKey(),
    component,
    projects: projects.join(', '),
  }));
}

export function newSourceDraft(existing: SourceDraft[], kind: SourceKind = 'url'): SourceDraft {
  const name = t('options_source_default_name', existing.length + 1);
  return {
    key: newKey(),
    id: sourceId(name, new Set(existing.map((d) => d.id))),
    kind,
    name,
    url: '',
    text: '',
    enabled: true,
  };
}

/**
 * Every problem of a pasted document, one per line, or null when it reads. The size is checked before
 * anything parses it, and a parser failure is a message, never an uncaught error.
 */
export function checkPastedDocument(text: string, label: string): string | null {
  if (text.length > MAX_INLINE_REGISTRY_CHARS) {
    return t(
      'options_source_text_too_large',
      (text.length / 1_000_000).toFixed(1),
      String(MAX_INLINE_REGISTRY_CHARS / 1_000_000),
    );
  }
  try {
    const checked = parseRegistryText(text, { source: label });
    // The parser lists its first problems and counts the rest in a last line.
    return checked.ok ? null : checked.errors.map((p) => formatProblem(p)).join('\n');
  } catch (error) {
    return t('options_source_text_unreadable', error instanceof Error ? error.message : String(error));
  }
}

/** Problems keyed like settings paths ("registry.sources.1.url"); the sources as settings. */
export function readSources(drafts: SourceDraft[], errors: FieldErrors): RegistrySource[] {
  return drafts.map((d, i) => {
    const at = `registry.sources.${i}`;
    const name = d.name.trim();
    if (name === '') errors[`${at}.name`] = t('options_source_name_missing');
    if (d.kind === 'inline') {
      const problems = checkPastedDocument(d.text, name || d.id);
      if (problems) errors[`${at}.text`] = problems;
      return { kind: 'inline', id: d.id, name, text: d.text, enabled: d.enabled };
    }
    if (safeHref(d.url, { mailto: false }) === null) errors[`${at}.url`] = t('options_source_url_invalid');
    return { kind: d.kind, id: d.id, name, url: d.url.trim(), enabled: d.enabled };
  });
}

export function readOverrides(drafts: OverrideDraft[], errors: FieldErrors): Record<string, string[]> {
  const overrides: Record<string, string[]> = {};
  drafts.forEach((d, i) => {
    const component = d.component.trim();
    const projects = d.projects
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (component === '' && projects.length === 0) return;
    if (component === '') errors[`overrides.${i}.component`] = t('options_override_component_missing');
    else if (component in overrides)
      errors[`overrides.${i}.component`] = t('options_override_duplicate', component);
    if (projects.length === 0) errors[`overrides.${i}.projects`] = t('options_override_projects_missing');
    overrides[component] = projects;
  });
  return overrides;
}

export function withRegistry(
  saved: Settings,
  sources: RegistrySource[],
  overrides: Record<string, string[]>,
  refreshHours: number,
): Settings {
  return { ...saved, registry: { sources, overrides, refreshHours } };
}

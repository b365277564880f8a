// What the options page shows about the registry: each source's state and problems, and coverage.
import { coverageReport } from '../core/ownership/coverage';
import { mergeRegistries } from '../core/registry/merge';
import type { RegistryStatusView } from '../messages';
import type { Settings } from '../shared/settings';
import { db, type RegistryEntry } from './db';
import { isStale, registryIndex } from './registry';

export async function registryStatus(settings: Settings): Promise<RegistryStatusView> {
  const database = await db();
  const sources: RegistryStatusView['sources'] = [];
  const stored: RegistryEntry[] = [];
  for (const source of settings.registry.sources.filter((s) => s.enabled)) {
    const entry = await database.get('registry', source.id);
    if (entry) stored.push(entry);
    sources.push({
      id: source.id,
      name: source.name,
      fetchedAt: entry?.fetchedAt ?? null,
      stale: entry ? isStale(entry) : false,
      error: entry ? entry.error : 'not loaded yet',
      problems: entry?.problems ?? [],
      components: entry?.data?.components.length ?? 0,
    });
  }
  const good = stored.flatMap((e) => (e.data ? [e.data] : []));
  if (good.length === 0) return { sources, coverage: null };
  const merged = good.length === 1 ? good[0]! : mergeRegistries(good);
  const report = coverageReport(merged);
  // Project matching needs the instance's project list; use the first instance's cached one.
  const origin = settings.instances[0]?.url;
  const cached = origin ? await database.get('instances', origin) : undefined;
  const index = cached?.projects ? registryIndex(settings, stored, cached.projects) : null;
  return {
    sources,
    coverage: {
      components: report.summary.components,
      owned: report.summary.owned,
      unassigned: report.summary.unassigned,
      criticalUnderCovered: report.summary.criticalUnderCovered,
      unmatchedComponents: index ? index.mapping.unmatchedComponents.map((c) => c.name) : [],
      conflicts: merged.conflicts.map(
        (c) =>
          `${c.subject} ${c.name}: ${c.field} differs (${c.claims.map((k) => `${k.value} in ${k.provenance.source}`).join(' vs ')})`,
      ),
    },
  };
}

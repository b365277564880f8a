// What a project tag leads to, as task resolution reads it: the tag as answers name it and the
// registry components it maps to, worked out the first time a lookup meets the tag and kept with
// the index (shared by every directory's cache), so a lookup reads one map per tag and building the
// index, which the worker's other readers share, pays nothing for it.
import type { Phid } from '../model';
import type { RegistryIndex } from '../registry/registry-index';
import type { RegistryComponent } from '../registry/types';

export interface TagComponents {
  /** The tag as an answer names it, alone in a list: a component only this tag matched shares it. */
  tags: { phid: Phid; name: string | null }[];
  /** The index's own list, in registry order. */
  components: RegistryComponent[];
}

/** Mapped tags met so far, per index: at most the index's mapped projects. */
const kept = new WeakMap<RegistryIndex, Map<Phid, TagComponents>>();

export function tagTable(index: RegistryIndex): Map<Phid, TagComponents> {
  let table = kept.get(index);
  if (!table) {
    table = new Map();
    kept.set(index, table);
  }
  return table;
}

/** The tag's components, or null for a tag no component claims (not kept: such tags are unbounded). */
export function tagComponents(
  index: RegistryIndex,
  table: Map<Phid, TagComponents>,
  phid: Phid,
): TagComponents | null {
  const known = table.get(phid);
  if (known) return known;
  const components = index.componentsByProject.get(phid);
  if (!components || components.length === 0) return null;
  const tagged = { tags: [{ phid, name: index.projectsByPhid.get(phid)?.name ?? null }], components };
  table.set(phid, tagged);
  return tagged;
}

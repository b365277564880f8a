// What each project tag leads to, as task resolution reads it: one map read per tag, giving the
// tag as answers name it and its components' positions in the registry (where the resolver keeps
// each component's parts). Built on an index's first lookup and kept with the index, so building
// the index, which the worker's other readers share, does not pay for it.
import type { Phid } from '../model';
import type { RegistryIndex } from '../registry/registry-index';

export interface TagComponents {
  /** The tag as an answer names it, alone in a list: a component only this tag matched shares it. */
  tags: { phid: Phid; name: string | null }[];
  /** Positions in registry.components, in registry order. */
  components: number[];
}

const kept = new WeakMap<RegistryIndex, Map<Phid, TagComponents>>();

export function tagComponents(index: RegistryIndex): Map<Phid, TagComponents> {
  let map = kept.get(index);
  if (map) return map;
  map = new Map();
  // The mapping has one entry per component, in registry order.
  const mapped = index.mapping.components;
  for (let i = 0; i < mapped.length; i++) {
    for (const phid of mapped[i]!.projectPHIDs) {
      const tagged = map.get(phid);
      if (tagged) tagged.components.push(i);
      else
        map.set(phid, {
          tags: [{ phid, name: index.projectsByPhid.get(phid)?.name ?? null }],
          components: [i],
        });
    }
  }
  kept.set(index, map);
  return map;
}

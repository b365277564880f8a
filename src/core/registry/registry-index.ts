// Lookup tables over a registry and its project mapping, built once per registry version so a
// task lookup costs a few map reads. Not serialisable: keep it in the worker, send results instead.
import type { PhabProject, Phid } from '../model';
import { mapComponentsToProjects, type ProjectMappingResult } from './project-mapping';
import type { RegistryComponent, RegistryData, RegistryPerson, RegistryTeam } from './types';

export interface RegistryIndex {
  registry: RegistryData;
  mapping: ProjectMappingResult;
  componentsByProject: Map<Phid, RegistryComponent[]>;
  projectsByPhid: Map<Phid, PhabProject>;
  people: Map<string, RegistryPerson>;
  teams: Map<string, RegistryTeam>;
}

export interface IndexOptions {
  projects: PhabProject[];
  overrides?: Record<string, string[]>;
  ubnTagPHIDs?: Phid[];
}

export function buildRegistryIndex(registry: RegistryData, options: IndexOptions): RegistryIndex {
  const mapping = mapComponentsToProjects({
    components: registry.components,
    projects: options.projects,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.ubnTagPHIDs ? { ubnTagPHIDs: options.ubnTagPHIDs } : {}),
  });
  const byKey = new Map(registry.components.map((c) => [c.key, c]));
  const componentsByProject = new Map<Phid, RegistryComponent[]>();
  for (const entry of mapping.components) {
    const component = byKey.get(entry.component);
    if (!component) continue;
    for (const phid of entry.projectPHIDs) {
      const list = componentsByProject.get(phid);
      if (list) list.push(component);
      else componentsByProject.set(phid, [component]);
    }
  }
  const people = new Map(registry.people.map((p) => [p.key, p]));
  return {
    registry,
    mapping,
    componentsByProject,
    projectsByPhid: new Map(options.projects.map((p) => [p.phid, p])),
    people,
    teams: new Map(registry.teams.map((t) => [t.key, t])),
  };
}

// Lookup tables over a registry and its project mapping, built once per registry version so a
// task lookup costs a few map reads. Not serialisable: keep it in the worker, send results instead.
import type { PhabProject, Phid } from '../model';
import { buildProjectLookup, mapComponentsToProjects, type ProjectMappingResult } from './project-mapping';
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
  const lookup = buildProjectLookup(options.projects);
  const mapping = mapComponentsToProjects({
    components: registry.components,
    projects: options.projects,
    lookup,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.ubnTagPHIDs ? { ubnTagPHIDs: options.ubnTagPHIDs } : {}),
  });
  // The mapping has one entry per component, in registry order.
  const componentsByProject = new Map<Phid, RegistryComponent[]>();
  for (let i = 0; i < mapping.components.length; i++) {
    const component = registry.components[i]!;
    for (const phid of mapping.components[i]!.projectPHIDs) {
      const list = componentsByProject.get(phid);
      if (list) list.push(component);
      else componentsByProject.set(phid, [component]);
    }
  }
  const people = new Map<string, RegistryPerson>();
  for (const p of registry.people) people.set(p.key, p);
  const teams = new Map<string, RegistryTeam>();
  for (const t of registry.teams) teams.set(t.key, t);
  return {
    registry,
    mapping,
    componentsByProject,
    projectsByPhid: lookup.byPhid,
    people,
    teams,
  };
}

// The captured Phorge world (test/fixtures/registry, copied from shared/fixtures/phorge) as core types.
import { readFileSync } from 'node:fs';
import type { PhabProject, PhabUser, Phid } from '../../../src/core/model';
import { parseRegistryText } from '../../../src/core/registry/parse';
import type { RegistryData } from '../../../src/core/registry/types';

const read = (name: string) =>
  readFileSync(new URL(`../../fixtures/registry/${name}`, import.meta.url), 'utf8');

/** Seeding time of the capture (README §1): all availability windows are relative to it. */
export const SEEDED_AT = 1795700668;

interface ConduitUser {
  phid: string;
  fields: { username: string; realName: string; roles: string[] };
  attachments: { availability: { value: PhabUser['availability']['value']; until: number | null } };
}

export const users: PhabUser[] = (
  JSON.parse(read('user.search.availability.response.json')).result.data as ConduitUser[]
).map((u) => ({
  phid: u.phid,
  username: u.fields.username,
  realName: u.fields.realName,
  roles: u.fields.roles,
  availability: { value: u.attachments.availability.value, until: u.attachments.availability.until },
}));

export const projects: PhabProject[] = (
  JSON.parse(read('project.search.response.json')).result.data as {
    id: number;
    phid: string;
    fields: { name: string; slug: string | null };
  }[]
).map((p) => ({ id: p.id, phid: p.phid, name: p.fields.name, slug: p.fields.slug }));

export const tasks = new Map<number, { phid: Phid; projectPHIDs: Phid[]; priority: number }>(
  (
    JSON.parse(read('maniphest.search.ids+attachments.response.json')).result.data as {
      id: number;
      phid: string;
      fields: { priority: { value: number } };
      attachments: { projects: { projectPHIDs: string[] } };
    }[]
  ).map((t) => [
    t.id,
    { phid: t.phid, projectPHIDs: t.attachments.projects.projectPHIDs, priority: t.fields.priority.value },
  ]),
);

export function exampleRegistry(): RegistryData {
  const result = parseRegistryText(read('example.yaml'), { source: 'example.yaml' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

export const projectPhid = (name: string): Phid => projects.find((p) => p.name === name)!.phid;

// One component's owners with live state and flags; shared by task resolution and the coverage report.
import type { Phid } from '../model';
import { componentKey, type RegistryComponent, type RegistryConflict } from '../registry/types';
import { componentFlags, countLiveStewards } from './flags';
import { ownerView, type OwnerContext } from './owner-views';
import type { ComponentOwnership } from './types';

export function conflictsFor(
  component: RegistryComponent,
  conflicts: RegistryConflict[],
): RegistryConflict[] {
  return conflicts.filter((c) => c.subject === 'component' && componentKey(c.name) === component.key);
}

export function componentOwnership(
  component: RegistryComponent,
  ctx: OwnerContext & { minOwners: number; conflicts: RegistryConflict[] },
  matchedTags: { phid: Phid; name: string | null }[] = [],
): ComponentOwnership {
  const stewards = component.stewards.map((c) => ownerView(c, ctx));
  const maintainers = component.maintainers.map((c) => ownerView(c, ctx));
  return {
    key: component.key,
    name: component.name,
    critical: component.critical,
    description: component.description,
    matchedTags,
    stewards,
    maintainers,
    consulted: component.consulted.map((c) => ownerView(c, ctx)),
    formerly: component.formerly,
    liveStewards: countLiveStewards(stewards),
    flags: componentFlags({
      name: component.name,
      critical: component.critical,
      stewards,
      maintainers,
      minOwners: ctx.minOwners,
    }),
    conflicts: conflictsFor(component, ctx.conflicts),
    provenance: component.provenance,
  };
}

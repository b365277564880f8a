// The ownership flags of DESIGN.md "Rules": on a component, no steward; every steward departed or
// disabled; every reachable owner away; only volunteers; critical with fewer than minOwners live
// stewards. On a task, tags spanning several stewards need a single process owner.
import { isGone } from './liveness';
import { isLiveOwner, isVolunteerOwner } from './owner-views';
import { FLAG_LABELS, type FlagId, type OwnerView, type OwnershipFlag } from './types';

function flag(id: FlagId, component: string | null, detail: string): OwnershipFlag {
  return { id, label: FLAG_LABELS[id], component, detail };
}

export interface ComponentFlagInput {
  name: string;
  critical: boolean;
  stewards: OwnerView[];
  maintainers: OwnerView[];
  minOwners: number;
}

export function countLiveStewards(stewards: OwnerView[]): number {
  return stewards.filter(isLiveOwner).length;
}

export function componentFlags(input: ComponentFlagInput): OwnershipFlag[] {
  const { name, stewards, maintainers } = input;
  const flags: OwnershipFlag[] = [];
  if (stewards.length === 0) {
    flags.push(flag('unassigned', name, `${name} has no steward`));
  } else if (stewards.every((s) => !isLiveOwner(s))) {
    flags.push(
      flag(
        'departed',
        name,
        `every steward of ${name} has departed or is disabled: ${stewards.map((s) => s.name).join(', ')}`,
      ),
    );
  }
  const owners = [...stewards, ...maintainers];
  // People one could ping; a team with no listed members is reachable through its contacts.
  const reachable = owners
    .flatMap((o) => (o.kind === 'team' && o.members.length === 0 ? [] : o.members))
    .filter((m) => !isGone(m.state));
  const unlistedTeams = owners.some((o) => o.kind === 'team' && o.members.length === 0);
  if (!unlistedTeams && reachable.length > 0 && reachable.every((m) => m.state === 'away')) {
    flags.push(
      flag(
        'all-away',
        name,
        `everyone who owns ${name} is away: ${[...new Set(reachable.map((m) => m.name))].join(', ')}`,
      ),
    );
  }
  const live = owners.filter(isLiveOwner);
  if (live.length > 0 && live.every(isVolunteerOwner)) {
    flags.push(
      flag(
        'volunteer-only',
        name,
        `${name} is owned only by volunteers, who may be too slow for an Unbreak Now! task`,
      ),
    );
  }
  const liveStewards = countLiveStewards(stewards);
  if (input.critical && liveStewards < input.minOwners) {
    flags.push(
      flag(
        'under-covered',
        name,
        `${name} is critical and has ${liveStewards} live steward${liveStewards === 1 ? '' : 's'}; policy asks for ${input.minOwners}`,
      ),
    );
  }
  return flags;
}

export function singleProcessOwnerFlag(stewardNames: string[]): OwnershipFlag | null {
  if (stewardNames.length < 2) return null;
  return flag(
    'needs-single-process-owner',
    null,
    `this task spans ${stewardNames.length} stewards (${stewardNames.join(', ')}): one person must drive it`,
  );
}

export function noComponentFlag(tagNames: string[]): OwnershipFlag {
  return flag(
    'unassigned',
    null,
    tagNames.length > 0
      ? `no registry component covers this task's tags (${tagNames.join(', ')})`
      : 'this task has no tags, so no component and no steward',
  );
}

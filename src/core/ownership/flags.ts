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
  let live = 0;
  for (const s of stewards) if (isLiveOwner(s)) live++;
  return live;
}

/** Owners in flag order: stewards, then maintainers. */
function eachOwner(input: ComponentFlagInput, visit: (owner: OwnerView) => void): void {
  for (const o of input.stewards) visit(o);
  for (const o of input.maintainers) visit(o);
}

// Written as counting loops rather than filters: a component's flags are worked out for every
// component a worker meets, and the flags are rare, so only a raised flag builds its text.
export function componentFlags(input: ComponentFlagInput): OwnershipFlag[] {
  const { name, stewards } = input;
  const flags: OwnershipFlag[] = [];
  const liveStewards = countLiveStewards(stewards);
  if (stewards.length === 0) {
    flags.push(flag('unassigned', name, `${name} has no steward`));
  } else if (liveStewards === 0) {
    flags.push(
      flag(
        'departed',
        name,
        `every steward of ${name} has departed or is disabled: ${stewards.map((s) => s.name).join(', ')}`,
      ),
    );
  }
  // People one could ping; a team with no listed members is reachable through its contacts.
  let unlistedTeams = false;
  let reachable = 0;
  let away = 0;
  let live = 0;
  let volunteers = 0;
  eachOwner(input, (o) => {
    if (o.kind === 'team' && o.members.length === 0) unlistedTeams = true;
    else {
      for (const m of o.members) {
        if (isGone(m.state)) continue;
        reachable++;
        if (m.state === 'away') away++;
      }
    }
    if (isLiveOwner(o)) {
      live++;
      if (isVolunteerOwner(o)) volunteers++;
    }
  });
  if (!unlistedTeams && reachable > 0 && away === reachable) {
    const names = new Set<string>();
    eachOwner(input, (o) => {
      for (const m of o.members) if (!isGone(m.state)) names.add(m.name);
    });
    flags.push(flag('all-away', name, `everyone who owns ${name} is away: ${[...names].join(', ')}`));
  }
  if (live > 0 && volunteers === live) {
    flags.push(
      flag(
        'volunteer-only',
        name,
        `${name} is owned only by volunteers, who may be too slow for an Unbreak Now! task`,
      ),
    );
  }
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

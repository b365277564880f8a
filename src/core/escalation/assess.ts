// One call that turns a task's history into everything the banner, popup, reminders and report
// show: escalation, its age, the process owner and the staleness findings at `now`.
import type { Epoch, InstanceVocabulary, PhabUser, Phid, TaskTransaction } from '../model';
import type { CurrentTask, EscalationHistory } from './escalation';
import { escalationAge, readEscalation } from './escalation';
import type { ProcessOwner } from './process-owner';
import { resolveProcessOwner } from './process-owner';
import type { StaleFinding } from './staleness';
import { evaluateStaleness } from './staleness';
import type { StalenessSettings } from './thresholds';

export interface AssessTaskInput {
  history: readonly TaskTransaction[];
  vocabulary: InstanceVocabulary;
  /** maniphest.search's view of the task now (a TaskSnapshot fits); without it the history alone decides. */
  task?: CurrentTask & { ownerPHID?: Phid | null };
  /** username -> account, for declarations; authors are matched by PHID through the same map. */
  users: ReadonlyMap<string, PhabUser>;
  now: Epoch;
  settings?: StalenessSettings;
  isDeparted?: (user: PhabUser) => boolean;
}

export interface TaskAssessment {
  escalation: EscalationHistory;
  /** Seconds, while the task is an open UBN!; null otherwise. */
  ageSeconds: number | null;
  owner: ProcessOwner;
  findings: StaleFinding[];
}

export function assessTask(input: AssessTaskInput): TaskAssessment {
  const escalation = readEscalation(input.history, input.vocabulary, input.task);
  const anchor = escalation.current ?? escalation.latest;
  const owner = resolveProcessOwner({
    history: input.history,
    since: anchor,
    users: input.users,
    ...(input.task?.ownerPHID !== undefined ? { currentOwnerPHID: input.task.ownerPHID } : {}),
  });
  const findings = evaluateStaleness({
    escalation,
    owner,
    now: input.now,
    ...(input.settings !== undefined ? { settings: input.settings } : {}),
    ...(input.isDeparted !== undefined ? { isDeparted: input.isDeparted } : {}),
  });
  return { escalation, ageSeconds: escalationAge(escalation, input.now), owner, findings };
}

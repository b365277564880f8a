// One stale watched UBN!: what it is, how long it has burned, who drives it, which rule fired, and the
// actions that fix it. At most one action panel is open in the whole list (the popup decides which).
import { tIsolated } from '../ui/bidi';
import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';
import {
  declaredPerson,
  type AssignReply,
  type PageRequest,
  type StaleRow,
  type WatchlistView,
} from '../messages';
import { TimeWithTooltip } from '../ui/TimeWithTooltip';
import { t } from '../ui/i18n';
import { durationText } from '../ui/time-text';
import type { PopupEnv } from './popup-env';
import { rank, rowSeverity } from '../shared/watchlist-order';
import { safeTaskHref } from './task-link';
import { SeverityBadge } from './SeverityBadge';
import { ProcessOwnerCell } from './ProcessOwnerCell';
import { SnoozePanel } from './SnoozePanel';
import { DrivePanel } from './DrivePanel';
import { AssignView } from './AssignView';
import { useSend } from './use-send';
import { ErrorLine } from './ErrorLine';

export type PanelKind = 'assign' | 'drive' | 'snooze';

interface Props {
  row: StaleRow;
  view: WatchlistView;
  env: PopupEnv;
  panel: PanelKind | null;
  snoozed: boolean;
  onPanel(kind: PanelKind | null): void;
  /** An action finished: say so, offer its undo when there is one, and read the list again. */
  onChanged(message: string, undo?: PageRequest): void;
  onAssigned(reply: AssignReply): void;
  onTaskChanged(): void;
}

export function WatchRow({
  row,
  view,
  env,
  panel,
  snoozed,
  onPanel,
  onChanged,
  onAssigned,
  onTaskChanged,
}: Props) {
  const now = env.now();
  const instance = row.instance ?? view.instance ?? '';
  // Who acts on this row: the account on the row's own instance, never the first instance's (the same
  // username there may be someone else, or no one).
  const viewer = view.viewers
    ? (view.viewers[instance] ?? null)
    : instance === view.instance
      ? view.viewer
      : null;
  const taskName = `T${row.task.id}`;
  // Unique per row: two instances may both list a T7.
  const titleId = useId();
  const href = safeTaskHref(row.task.url, row.instance ?? view.instance);
  const triggers = {
    assign: useRef<HTMLButtonElement>(null),
    drive: useRef<HTMLButtonElement>(null),
    snooze: useRef<HTMLButtonElement>(null),
  };
  const unwatch = useSend();
  const unsnooze = useSend();

  function close(kind: PanelKind) {
    onPanel(null);
    triggers[kind].current?.focus();
  }

  async function doUnwatch() {
    if (unwatch.pending) return;
    const reply = await unwatch.send({
      type: 'task/watch-on',
      instance,
      taskId: row.task.id,
      watched: false,
    });
    if (reply?.ok) {
      onChanged(t('popup_unwatched', taskName), {
        type: 'task/watch-on',
        instance,
        taskId: row.task.id,
        watched: true,
      });
    }
  }

  async function doUnsnooze() {
    if (unsnooze.pending) return;
    const reply = await unsnooze.send({ type: 'task/snooze', instance, taskId: row.task.id, until: null });
    if (reply?.ok) onChanged(t('popup_unsnoozed', taskName));
  }

  const rules = [...row.stale].sort((a, b) => rank(b.severity) - rank(a.severity));
  const age = row.escalation ? Math.max(row.escalation.ageSeconds, now - row.escalation.escalatedAt) : null;
  const actionLabel = (text: string): ComponentChildren => (
    <>
      {text}
      <span class="st-sr-only"> {taskName}</span>
    </>
  );

  const severity = rowSeverity(row);
  return (
    <li class="row" data-task={row.task.id} data-severity={severity ?? 'none'}>
      <article aria-labelledby={titleId}>
        <h3 class="row-title" id={titleId}>
          <SeverityBadge severity={severity} />
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              <span class="task-id">{taskName}</span> <bdi class="task-title">{row.task.title}</bdi>
            </a>
          ) : (
            <span>
              <span class="task-id">{taskName}</span> <bdi class="task-title">{row.task.title}</bdi>
            </span>
          )}
        </h3>
        <p class="row-meta">
          {row.escalation && age !== null && (
            <span class="age">
              {t('popup_age_label')}{' '}
              <TimeWithTooltip at={row.escalation.escalatedAt}>{durationText(age)}</TimeWithTooltip>
              {row.escalation.recurrence > 1 && (
                <span class="recurrence"> {t('popup_recurrence', row.escalation.recurrence)}</span>
              )}
            </span>
          )}
          <span class="team">
            {row.team ? tIsolated('popup_team', row.team) : <span class="no-team">{t('popup_no_team')}</span>}
          </span>
        </p>
        <p class="row-owner">
          <span class="label">{t('popup_owner_label')} </span>
          <ProcessOwnerCell owner={row.processOwner} instance={instance} now={now} />
        </p>
        {rules.length > 0 && (
          <ul class="rules" aria-label={t('popup_rules_label')}>
            {rules.map((rule) => (
              <li key={rule.rule} data-rule={rule.rule} data-severity={rule.severity}>
                <bdi>{rule.text}</bdi>
              </li>
            ))}
          </ul>
        )}
        {snoozed && row.snoozedUntil !== null && (
          <p class="snoozed-until">
            {t('popup_snoozed_label')}{' '}
            <TimeWithTooltip at={row.snoozedUntil}>{durationText(row.snoozedUntil - now)}</TimeWithTooltip>
          </p>
        )}
        <div class="row-actions">
          {snoozed ? (
            <button
              type="button"
              class="st-button"
              // Not disabled: a button disabled under the keyboard's focus drops it to the page, and a
              // failed request would leave the keyboard user at the top of the popup.
              aria-disabled={unsnooze.pending}
              onClick={() => void doUnsnooze()}
            >
              {actionLabel(t('popup_action_unsnooze'))}
            </button>
          ) : (
            <>
              <button
                ref={triggers.assign}
                type="button"
                class="st-button st-button-primary"
                aria-expanded={panel === 'assign'}
                onClick={() => onPanel(panel === 'assign' ? null : 'assign')}
              >
                {actionLabel(t('popup_action_assign'))}
              </button>
              {viewer && !drivesIt(row, viewer.username) && (
                <button
                  ref={triggers.drive}
                  type="button"
                  class="st-button"
                  aria-expanded={panel === 'drive'}
                  onClick={() => onPanel(panel === 'drive' ? null : 'drive')}
                >
                  {actionLabel(t('popup_action_drive'))}
                </button>
              )}
              <button
                ref={triggers.snooze}
                type="button"
                class="st-button"
                aria-expanded={panel === 'snooze'}
                onClick={() => onPanel(panel === 'snooze' ? null : 'snooze')}
              >
                {actionLabel(t('popup_action_snooze'))}
              </button>
            </>
          )}
          <button
            type="button"
            class="st-button"
            // Not disabled, for the same reason as Unsnooze above.
            aria-disabled={unwatch.pending}
            onClick={() => void doUnwatch()}
          >
            {actionLabel(t('popup_action_unwatch'))}
          </button>
        </div>
        <ErrorLine error={unwatch.error ?? unsnooze.error} />
        {panel === 'assign' && (
          <AssignView
            row={row}
            instance={instance}
            viewer={viewer}
            now={now}
            onDone={(reply) => {
              onPanel(null);
              onAssigned(reply);
            }}
            onCancel={() => close('assign')}
            onTaskChanged={onTaskChanged}
          />
        )}
        {panel === 'drive' && viewer && (
          <DrivePanel
            row={row}
            instance={instance}
            viewer={viewer}
            onDone={(message) => {
              onPanel(null);
              onChanged(message);
            }}
            onCancel={() => close('drive')}
            onTaskChanged={onTaskChanged}
          />
        )}
        {panel === 'snooze' && (
          <SnoozePanel
            row={row}
            instance={instance}
            env={env}
            onDone={(message) => {
              onPanel(null);
              onChanged(message);
            }}
            onCancel={() => close('snooze')}
          />
        )}
      </article>
    </li>
  );
}

/** The viewer is the declared process owner already: "I'll drive this" would declare them again. */
function drivesIt(row: StaleRow, username: string): boolean {
  const owner = declaredPerson(row.processOwner)?.username;
  return owner !== undefined && owner.toLowerCase() === username.toLowerCase();
}

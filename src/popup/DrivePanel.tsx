// "I'll drive this": the viewer declares themself process owner. One confirming step, because it posts a
// comment on the task; posting goes through the assign panel's hook, so a retry never posts twice.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { StaleRow } from '../messages';
import { declaredPerson } from '../message-checks';
import { t } from '../ui/i18n';
import { useAssign } from '../ui/assign/use-assign';
import { ErrorLine } from './ErrorLine';

interface Props {
  row: StaleRow;
  instance: string;
  viewer: { username: string };
  onDone(message: string): void;
  onCancel(): void;
  /** The task changed on Phabricator since the list was read: show the new state before asking again. */
  onTaskChanged(): void;
}

export function DrivePanel({ row, instance, viewer, onDone, onCancel, onTaskChanged }: Props) {
  const task = `T${row.task.id}`;
  // Someone else drives it now: the confirmation names whom the role is taken from.
  const current = declaredPerson(row.processOwner)?.username ?? null;
  const { phase, confirm } = useAssign(
    { instance, taskId: row.task.id, expectedDateModified: row.task.dateModified },
    () => onDone(t('popup_drive_done', task)),
  );
  const button = useRef<HTMLButtonElement>(null);
  const pending = phase.kind === 'posting';

  useLayoutEffect(() => button.current?.focus(), []);

  async function post() {
    if (pending) return;
    const ended = await confirm(viewer.username, t('popup_drive_note'));
    if (ended?.kind === 'failed' && ended.error.kind === 'task-changed') onTaskChanged();
  }

  return (
    <div
      class="panel"
      role="group"
      aria-label={t('popup_drive_group', task)}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p>
        {current
          ? t('popup_drive_confirm_handoff', `@${viewer.username}`, task, `@${current}`)
          : row.task.assignee === null
            ? t('popup_drive_confirm_unassigned', `@${viewer.username}`, task)
            : t('popup_drive_confirm', `@${viewer.username}`, task)}
      </p>
      <ErrorLine error={phase.kind === 'failed' ? phase.error : null} />
      <div class="panel-actions">
        <button
          ref={button}
          type="button"
          class="primary"
          // Not disabled: a button disabled under the keyboard's focus drops it to the page when the post fails.
          aria-disabled={pending}
          onClick={() => void post()}
        >
          {pending ? t('popup_posting') : t('popup_drive_post')}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </div>
  );
}

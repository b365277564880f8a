// "I'll drive this": the viewer declares themself process owner. One confirming step, because it posts a
// comment on the task; the request id is fixed while the panel is open so a retry never posts twice.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { StaleRow } from '../messages';
import { t } from '../ui/i18n';
import { useSend } from './use-send';
import { ErrorLine } from './ErrorLine';
import { newRequestId } from '../ui/assign/assign-choices';

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
  const { send, pending, error } = useSend();
  // Kept across retries of the same confirmation; renewed only when the worker says nothing was posted
  // because the task moved on, so the next confirmation is a new request.
  const requestId = useRef(newRequestId());
  const confirm = useRef<HTMLButtonElement>(null);
  const task = `T${row.task.id}`;

  useLayoutEffect(() => confirm.current?.focus(), []);

  async function post() {
    const reply = await send({
      type: 'process-owner/assign',
      instance,
      taskId: row.task.id,
      username: viewer.username,
      note: t('popup_drive_note'),
      expectedDateModified: row.task.dateModified,
      requestId: requestId.current,
    });
    if (reply?.ok) onDone(t('popup_drive_done', task));
    else if (reply?.error.kind === 'task-changed') {
      requestId.current = newRequestId();
      onTaskChanged();
    }
  }

  return (
    <div
      class="panel"
      role="group"
      aria-label={t('popup_drive_group', task)}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p>
        {row.task.assignee === null
          ? t('popup_drive_confirm_unassigned', `@${viewer.username}`, task)
          : t('popup_drive_confirm', `@${viewer.username}`, task)}
      </p>
      <ErrorLine error={error} />
      <div class="panel-actions">
        <button ref={confirm} type="button" class="primary" disabled={pending} onClick={() => void post()}>
          {pending ? t('popup_posting') : t('popup_drive_post')}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </div>
  );
}

// Watch/unwatch. The worker owns the watch list; the banner shows the new state once it has answered.
import { useState } from 'preact/hooks';
import type { ReplyError } from '../messages';
import { t } from '../ui/i18n';
import type { BannerDeps } from './deps';

export interface WatchButtonProps {
  taskId: number;
  watched: boolean;
  deps: BannerDeps;
  onWatched(watched: boolean): void;
}

export function WatchButton({ taskId, watched, deps, onWatched }: WatchButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);
  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const reply = await deps.ask<{ watched: boolean }>({ type: 'task/watch', taskId, watched: !watched });
    setBusy(false);
    if (reply.ok) onWatched(reply.data.watched);
    else setError(reply.error);
  };
  return (
    <>
      <button
        type="button"
        class="st-button"
        data-action="watch"
        // Not disabled: a button disabled under the keyboard's focus drops it (toggle ignores clicks meanwhile).
        aria-disabled={busy}
        // Only the user's own click: the page's scripts can reach this button (see AssignPanel), and an
        // unwatch they made would silence the task's reminders unseen.
        onClick={(event) => event.isTrusted && void toggle()}
      >
        {watched ? t('banner_unwatch') : t('banner_watch')}
      </button>
      {error && (
        <span class="st-error-text" role="alert">
          {t('banner_watch_failed', error.message)}
        </span>
      )}
    </>
  );
}

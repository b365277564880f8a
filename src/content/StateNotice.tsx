// What the banner says when it cannot show ownership, and the one thing to do about it.
import type { ReplyError } from '../messages';
import { t } from '../ui/i18n';
import type { DataState } from './banner-state';
import { ORPHANED } from './messaging';

export interface StateNoticeProps {
  state: Exclude<DataState, 'ready' | 'loading'>;
  error: ReplyError;
  taskId: number;
  loginUrl: string;
  onOpenOptions(section: 'instances' | undefined): void;
  onRetry(): void;
}

export function StateNotice({ state, error, taskId, loginUrl, onOpenOptions, onRetry }: StateNoticeProps) {
  const retry = (
    <button type="button" class="st-button" onClick={onRetry}>
      {t('banner_retry')}
    </button>
  );
  // The options buttons answer only the user's own clicks: the page's scripts reach them too, and each
  // click opens a tab.
  switch (state) {
    case 'not-configured':
      return (
        <p class="st-line">
          {t('banner_not_configured')}{' '}
          <button type="button" class="st-button" onClick={(e) => e.isTrusted && onOpenOptions(undefined)}>
            {t('banner_open_options')}
          </button>
        </p>
      );
    case 'no-permission':
      return (
        <p class="st-line">
          {t('banner_no_permission')}{' '}
          <button type="button" class="st-button" onClick={(e) => e.isTrusted && onOpenOptions('instances')}>
            {t('banner_grant')}
          </button>
        </p>
      );
    case 'session-expired':
      return (
        <p class="st-line">
          {t('banner_session_expired')}{' '}
          <a class="st-link" href={loginUrl}>
            {t('banner_log_in')}
          </a>{' '}
          {retry}
        </p>
      );
    case 'invalid-token':
      return (
        <p class="st-line">
          {t('banner_invalid_token')}{' '}
          <button type="button" class="st-button" onClick={(e) => e.isTrusted && onOpenOptions('instances')}>
            {t('banner_open_options')}
          </button>
        </p>
      );
    case 'not-found':
      return (
        <p class="st-line">
          {t('banner_not_found', taskId)} {retry}
        </p>
      );
    case 'error':
      // Nothing sent from this page can arrive any more: Retry would fail for ever.
      if (error === ORPHANED) return <Orphaned />;
      return (
        <div class="st-line">
          <p>
            {t('banner_error')} {retry}
          </p>
          <p class="st-muted">{t('banner_error_details', error.message)}</p>
        </div>
      );
  }
}

/** An update left this script behind: nothing it sends can arrive, so only reloading the page helps. */
export function Orphaned() {
  return (
    <p class="st-line">
      {t('banner_orphaned')}{' '}
      <button
        type="button"
        class="st-button"
        // The page's window: the banner may be drawn into another document than the script's (tests).
        onClick={(event) => event.currentTarget.ownerDocument.defaultView?.location.reload()}
      >
        {t('banner_reload')}
      </button>
    </p>
  );
}

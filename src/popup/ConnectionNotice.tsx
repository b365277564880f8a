// Why the list may be missing or old, and what to do about it. Every state ends in an action.
import type { WatchlistView } from '../messages';
import { t } from '../ui/i18n';
import { relativeText } from '../ui/time-text';
import type { OptionsSection } from './popup-env';
import { safeTaskHref } from './task-link';

interface Props {
  view: WatchlistView;
  now: number;
  onOptions(section: OptionsSection): void;
  onRetry(): void;
}

export function ConnectionNotice({ view, now, onOptions, onRetry }: Props) {
  const instance = view.instance ?? '';
  const detail = view.connectionMessage && <p class="detail">{view.connectionMessage}</p>;
  const retry = (
    <button type="button" class="st-button" onClick={onRetry}>
      {t('popup_retry')}
    </button>
  );
  switch (view.connection) {
    case 'ok':
      return null;
    case 'not-configured':
      return (
        <section class="notice" data-state="not-configured" aria-labelledby="notice-title">
          <h2 id="notice-title">{t('popup_state_not_configured_title')}</h2>
          <p>{t('popup_state_not_configured')}</p>
          <button type="button" class="st-button st-button-primary" onClick={() => onOptions('instances')}>
            {t('popup_open_setup')}
          </button>
        </section>
      );
    case 'no-permission':
      return (
        <section class="notice" data-state="no-permission" aria-labelledby="notice-title">
          <h2 id="notice-title">{t('popup_state_no_permission_title')}</h2>
          <p>{t('popup_state_no_permission', instance)}</p>
          {detail}
          <button type="button" class="st-button st-button-primary" onClick={() => onOptions('instances')}>
            {t('popup_grant_access')}
          </button>
        </section>
      );
    case 'signed-out': {
      const login = safeTaskHref(`${instance}/login/`, view.instance);
      return (
        <section class="notice" data-state="signed-out" aria-labelledby="notice-title">
          <h2 id="notice-title">{t('popup_state_signed_out_title')}</h2>
          <p>{t('popup_state_signed_out', instance)}</p>
          {detail}
          <div class="notice-actions">
            {login && (
              <a class="st-button st-button-primary" href={login} target="_blank" rel="noopener noreferrer">
                {t('popup_sign_in')}
              </a>
            )}
            <button type="button" class="st-button" onClick={() => onOptions('instances')}>
              {t('popup_use_token')}
            </button>
            {retry}
          </div>
        </section>
      );
    }
    case 'invalid-token':
      return (
        <section class="notice" data-state="invalid-token" aria-labelledby="notice-title">
          <h2 id="notice-title">{t('popup_state_invalid_token_title')}</h2>
          <p>{t('popup_state_invalid_token', instance)}</p>
          {detail}
          <button type="button" class="st-button st-button-primary" onClick={() => onOptions('instances')}>
            {t('popup_replace_token')}
          </button>
        </section>
      );
    case 'unreachable':
      return (
        <section class="notice" data-state="unreachable" aria-labelledby="notice-title">
          <h2 id="notice-title">{t('popup_state_offline_title')}</h2>
          <p>
            {view.lastPollAt !== null
              ? t('popup_state_offline_since', instance, relativeText(view.lastPollAt, now))
              : t('popup_state_offline', instance)}
          </p>
          {detail}
          {retry}
        </section>
      );
  }
}

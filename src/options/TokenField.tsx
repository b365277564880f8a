// The API token: typed once, sent once to the worker (token/set), never read back or shown again.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import type { ReplyError } from '../messages';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';

interface Props {
  id: string;
  origin: string;
  stored: boolean;
  onStored(stored: boolean): void;
}

/** Conduit tokens are "api-" and 28 letters and digits; other prefixes (cli-) are not for Conduit calls. */
export function tokenProblem(token: string): string | null {
  const trimmed = token.trim();
  if (trimmed === '') return t('options_token_empty');
  if (!/^api-[a-z0-9]{28}$/.test(trimmed)) return t('options_token_shape');
  return null;
}

/**
 * Plain http beyond this machine: the token would cross the network readable by anyone on the path, who
 * could then act as the user. Loopback addresses (a local test instance) never leave the machine.
 */
export function sendsTokenInClear(origin: string): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:') return false;
    const host = url.hostname;
    return !(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host));
  } catch {
    return false;
  }
}

export function TokenField({ id, origin, stored, onStored }: Props) {
  const [token, setToken] = useState('');
  const [replacing, setReplacing] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The user was told the token would travel unencrypted and has not decided yet. */
  const [warning, setWarning] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  /**
   * Storing, removing, Replace and Cancel each swap the control under the keyboard's focus for another
   * view; the control that takes its place gets the focus, so it does not fall back to the page.
   */
  const focusNext = useRef<'input' | 'replace' | null>(null);

  useLayoutEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    if (next === 'input') input.current?.focus();
    else if (next === 'replace') replaceButton.current?.focus();
  });

  const hasFocus = () => root.current?.contains(document.activeElement) === true;

  async function send(value: string | null) {
    // Its buttons are aria-disabled, not disabled, while it runs: disabling them would drop the focus.
    if (pending) return;
    setPending(true);
    setError(null);
    const reply = await call({ type: 'token/set', instance: origin, token: value }, z.unknown());
    setPending(false);
    if (!reply.ok) {
      setError((reply.error as ReplyError).message);
      return;
    }
    if (hasFocus()) focusNext.current = value === null ? 'input' : 'replace';
    // Forget it here as soon as the worker has it.
    setToken('');
    setReplacing(false);
    setNotice(value === null ? t('options_token_removed') : t('options_token_saved'));
    onStored(value !== null);
  }

  function store(event: Event) {
    event.preventDefault();
    event.stopPropagation();
    const problem = tokenProblem(token);
    if (problem) return setError(problem);
    // Over plain http only the warning's own "Store it anyway" stores: a second Enter in the field, or a
    // second click on Store, must not slip past a warning the user may not have read.
    if (sendsTokenInClear(origin)) return setWarning(true);
    storeNow();
  }

  function storeNow() {
    setWarning(false);
    void send(token.trim());
  }

  if (stored && !replacing) {
    return (
      <div class="token" data-token="stored" ref={root}>
        <p>
          <span class="token-stored">{t('options_token_stored')}</span> <span role="status">{notice}</span>
        </p>
        <div class="row-buttons">
          <button
            type="button"
            class="st-button"
            ref={replaceButton}
            onClick={() => {
              focusNext.current = 'input';
              setReplacing(true);
            }}
          >
            {t('options_token_replace')}
          </button>
          <button type="button" class="st-button" aria-disabled={pending} onClick={() => void send(null)}>
            {t('options_token_remove')}
          </button>
        </div>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <div class="token" data-token="empty" ref={root}>
      <label for={id}>{t('options_token_label')}</label>
      <div class="row-buttons">
        <input
          id={id}
          ref={input}
          type="password"
          autocomplete="off"
          spellcheck={false}
          maxLength={200}
          value={token}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onInput={(e) => {
            setToken(e.currentTarget.value);
            setError(null);
            setWarning(false);
          }}
          onKeyDown={(e) => e.key === 'Enter' && store(e)}
        />
        <button type="button" class="st-button" aria-disabled={pending} onClick={store}>
          {t('options_token_store')}
        </button>
        {replacing && (
          <button
            type="button"
            class="st-button"
            onClick={() => {
              focusNext.current = 'replace';
              setReplacing(false);
            }}
          >
            {t('options_cancel')}
          </button>
        )}
      </div>
      <p class="hint" id={`${id}-hint`}>
        {t('options_token_hint', origin)}
      </p>
      {warning && (
        <div class="field-warning" role="alert" data-warning="cleartext">
          <p>{t('options_token_http_warning', origin)}</p>
          <div class="row-buttons">
            <button type="button" class="st-button" aria-disabled={pending} onClick={storeNow}>
              {t('options_token_http_store')}
            </button>
            <button
              type="button"
              class="st-button"
              onClick={() => {
                focusNext.current = 'input';
                setWarning(false);
              }}
            >
              {t('options_cancel')}
            </button>
          </div>
        </div>
      )}
      <span role="status">{notice}</span>
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

// Whether Steward may read the instance, and the button that asks the browser for it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { hostPermissions } from './permissions';

type Access = 'checking' | 'granted' | 'missing' | 'refused' | 'error';

export function HostAccess({ origin }: { origin: string }) {
  const [access, setAccess] = useState<Access>('checking');
  const [problem, setProblem] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const grantButton = useRef<HTMLButtonElement>(null);
  /** The Grant button had the focus when it went away: the status line that replaced it takes it. */
  const focusStatus = useRef(false);

  useEffect(() => {
    let live = true;
    // Access can be taken away outside this page (the browser's site-access menu): look again whenever
    // the browser says permissions changed, and when the user comes back to this tab.
    const check = (first: boolean) => {
      if (first) setAccess('checking');
      hostPermissions()
        .contains(origin)
        .then(
          (granted) =>
            live &&
            // A refusal the user just gave stays on screen until something actually changes.
            setAccess((now) => (granted ? 'granted' : now === 'refused' ? 'refused' : 'missing')),
          (error: unknown) => {
            if (!live) return;
            setAccess('error');
            setProblem(error instanceof Error ? error.message : String(error));
          },
        );
    };
    check(true);
    const again = () => check(false);
    const visible = () => document.visibilityState === 'visible' && again();
    const stop = hostPermissions().onChanged(again);
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', visible);
    return () => {
      live = false;
      stop();
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [origin]);

  useLayoutEffect(() => {
    if (!focusStatus.current || access === 'checking') return;
    focusStatus.current = false;
    if (!grantButton.current) status.current?.focus();
  }, [access]);

  function grant() {
    focusStatus.current = document.activeElement === grantButton.current;
    // No await before request(): the browser shows its prompt only inside the click's user gesture.
    hostPermissions()
      .request(origin)
      .then(
        (granted) => setAccess(granted ? 'granted' : 'refused'),
        (error: unknown) => {
          setAccess('error');
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
  }

  return (
    <div class="access" data-access={access}>
      <p role="status" ref={status} tabIndex={-1}>
        {access === 'checking' && t('options_access_checking')}
        {access === 'granted' && t('options_access_granted', origin)}
        {access === 'missing' && t('options_access_missing', origin)}
        {access === 'refused' && t('options_access_refused', origin)}
        {access === 'error' && t('options_access_error', problem ?? '')}
      </p>
      {access !== 'granted' && access !== 'checking' && (
        <button type="button" class="st-button st-button-primary" ref={grantButton} onClick={grant}>
          {t('options_access_grant')}
        </button>
      )}
    </div>
  );
}

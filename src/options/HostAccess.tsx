// Whether Steward may read the instance, and the button that asks the browser for it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { hostPermissions } from './permissions';

type Access = 'checking' | 'granted' | 'missing' | 'refused' | 'error';

export function HostAccess({ origin }: { origin: string }) {
  const [access, setAccess] = useState<Access>('checking');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setAccess('checking');
    hostPermissions()
      .contains(origin)
      .then(
        (granted) => live && setAccess(granted ? 'granted' : 'missing'),
        (error: unknown) => {
          if (!live) return;
          setAccess('error');
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    return () => {
      live = false;
    };
  }, [origin]);

  function grant() {
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
      <p role="status">
        {access === 'checking' && t('options_access_checking')}
        {access === 'granted' && t('options_access_granted', origin)}
        {access === 'missing' && t('options_access_missing', origin)}
        {access === 'refused' && t('options_access_refused', origin)}
        {access === 'error' && t('options_access_error', problem ?? '')}
      </p>
      {access !== 'granted' && access !== 'checking' && (
        <button type="button" class="st-button st-button-primary" onClick={grant}>
          {t('options_access_grant')}
        </button>
      )}
    </div>
  );
}

// Saving one section: its own errors, a visible "Saved", and the typed input left alone on failure.
import { useCallback, useRef, useState } from 'preact/hooks';
import type { Settings } from '../shared/settings';
import type { FieldErrors } from './field-errors';
import { errorLine, errorsUnder } from './field-errors';
import type { OptionsStore } from './use-options-store';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

export function useSectionSave(store: OptionsStore, prefixes: string[]) {
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [errors, setErrors] = useState<FieldErrors>({});
  const busy = useRef(false);

  /**
   * `local` holds problems found before building the document (a number that is not a number); when there
   * are any, nothing is sent. Returns whether the section was saved.
   */
  const save = useCallback(
    async (build: (saved: Settings) => unknown, local: FieldErrors = {}): Promise<boolean> => {
      if (busy.current) return false;
      if (Object.keys(local).length > 0) {
        setErrors(local);
        setStatus('failed');
        return false;
      }
      busy.current = true;
      setStatus('saving');
      const outcome = await store.save(build);
      busy.current = false;
      if (outcome.ok) {
        setErrors({});
        setStatus('saved');
        return true;
      }
      // A problem outside this section (say, stored settings another version wrote) is still shown here.
      const mine = errorsUnder(outcome.errors, prefixes);
      setErrors(
        Object.keys(mine).length > 0
          ? mine
          : {
              '': Object.entries(outcome.errors)
                .map(([k, m]) => errorLine(k, m))
                .join(' '),
            },
      );
      setStatus('failed');
      return false;
    },
    [store, prefixes.join('|')],
  );

  /** Any edit makes an old "Saved" untrue. */
  const edited = useCallback(() => setStatus((s) => (s === 'saved' ? 'idle' : s)), []);

  return { status, errors, save, edited };
}

// Saving one section: its own errors, a visible "Saved", and the typed input left alone on failure.
import { useCallback, useRef, useState } from 'preact/hooks';
import { useUnsavedGuard } from './unsaved-guard';
import type { Settings } from '../shared/settings';
import type { FieldErrors } from './field-errors';
import { errorLine, errorsUnder } from './field-errors';
import { guardBasis, type OptionsStore } from './use-options-store';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * `lists` reads the lists the section replaces whole: a save is refused when another tab has changed them
 * since this section's drafts were made (see SaveGuard).
 */
export function useSectionSave(
  store: OptionsStore,
  prefixes: string[],
  lists?: (settings: Settings) => unknown,
) {
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [dirty, setDirty] = useState(false);
  const busy = useRef(false);
  // What the drafts were made from: the settings when the section mounted, then what each save stored.
  const basis = useRef<string | null>(null);
  if (lists && basis.current === null) basis.current = guardBasis(lists, store.settings);
  useUnsavedGuard(dirty);

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
      const guard = lists && basis.current !== null ? { part: lists, basis: basis.current } : undefined;
      const outcome = await store.save(build, guard);
      busy.current = false;
      if (outcome.ok) {
        if (lists) basis.current = guardBasis(lists, outcome.settings);
        setErrors({});
        setStatus('saved');
        setDirty(false);
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
  const edited = useCallback(() => {
    setStatus((s) => (s === 'saved' ? 'idle' : s));
    setDirty(true);
  }, []);

  return { status, errors, save, edited };
}

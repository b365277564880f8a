// The one-click "assign process owner" panel, shared by the banner's frame and the popup. It picks a
// person, shows what will be posted, and confirms in one step through the worker (process-owner/assign).
import { tIsolated } from '../bidi';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AssignReply, PersonView, ReplyError, SuggestionView } from '../../messages';
import { t } from '../i18n';
import { PersonChip } from '../PersonChip';
import { themeCss, UI_CSS } from '../ui-css';
import { ASSIGN_CSS } from './assign-css';
import { orderChoices, typedUsername } from './assign-choices';
import { SuggestionList } from './SuggestionList';
import { useAssign } from './use-assign';
import { CONFIRM_DELAY_MS, useConfirmGuard } from './use-confirm-guard';

export interface AssignPanelProps {
  instance: string;
  taskId: number;
  taskTitle: string;
  expectedDateModified: number | null;
  suggestions: SuggestionView[];
  viewer: { username: string; realName: string } | null;
  currentOwner: PersonView | null;
  onDone(reply: AssignReply): void;
  onCancel(): void;
  /** Epoch seconds, for "away until"; defaults to the clock. */
  now?: number;
  /** Phorge's theme when known (the banner frame); without it the panel follows the browser's scheme. */
  theme?: 'light' | 'dark';
  /**
   * Inside a web page's frame: confirmations count only from a trusted interaction after the panel has
   * been visible for a moment (see use-confirm-guard.ts). The popup needs no guard.
   */
  guardConfirm?: boolean;
  /** The worker refused the post because the task changed: read it again and pass the new props. */
  onTaskChanged?(): void;
}

const CSS = `${themeCss('.st-assign', true)}\n${UI_CSS}\n${ASSIGN_CSS}`;

const ERROR_KEYS: Partial<Record<ReplyError['kind'], string>> = {
  'no-permission': 'assign_error_no_permission',
  forbidden: 'assign_error_forbidden',
  'session-expired': 'assign_error_session_expired',
  'invalid-token': 'assign_error_invalid_token',
  'task-changed': 'assign_error_task_changed',
  network: 'assign_error_network',
  'not-found': 'assign_error_not_found',
};

type Selection = { source: 'list' | 'viewer'; username: string } | { source: 'typed'; raw: string };

export function AssignPanel(props: AssignPanelProps) {
  const { instance, taskId, taskTitle, viewer, currentOwner } = props;
  const now = props.now ?? Math.floor(Date.now() / 1000);
  const ids = {
    heading: useId(),
    list: useId(),
    hint: useId(),
    input: useId(),
    note: useId(),
    inputError: useId(),
  };
  const choices = useMemo(
    () => orderChoices(props.suggestions, currentOwner?.username ?? null),
    [props.suggestions, currentOwner],
  );
  const firstAvailable = choices.find((c) => c.available) ?? choices[0];
  const [selection, setSelection] = useState<Selection | null>(
    firstAvailable ? { source: 'list', username: firstAvailable.username } : null,
  );
  const [note, setNote] = useState(() => t('assign_note_default'));
  const [showInvalid, setShowInvalid] = useState(false);
  const { phase, confirm } = useAssign(
    { instance, taskId, expectedDateModified: props.expectedDateModified },
    props.onDone,
  );
  const root = useRef<HTMLDivElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const guarded = props.guardConfirm === true;
  const armed = useConfirmGuard(root, guarded ? CONFIRM_DELAY_MS : null);
  /** A scripted click or one that lands before the panel was visibly there does not confirm. */
  const accepts = (event: Event) => !guarded || (armed && event.isTrusted);

  // Focus the chosen suggestion (or the first control) when the panel opens, so the keyboard starts in it.
  useLayoutEffect(() => {
    const start =
      root.current?.querySelector<HTMLElement>('[role="option"][tabindex="0"]') ??
      root.current?.querySelector<HTMLElement>('button, input');
    start?.focus();
  }, []);

  const username =
    selection === null
      ? null
      : selection.source === 'typed'
        ? typedUsername(selection.raw)
        : selection.username;
  const typedRaw = selection?.source === 'typed' ? selection.raw : '';
  const typedInvalid = selection?.source === 'typed' && selection.raw.trim() !== '' && username === null;
  const posting = phase.kind === 'posting';
  const done = phase.kind === 'done';
  const handoff = currentOwner !== null;
  const viewerIsOwner = viewer !== null && currentOwner?.username === viewer.username;

  const submit = (acceptChanges = false) => {
    if (username === null) {
      setShowInvalid(true);
      return;
    }
    void confirm(username, note, { acceptChanges }).then((ended) => {
      // The task moved on: whoever hosts the panel reads it again, so "Confirm again" is asked about the
      // task as it is now (a process owner declared meanwhile shows as the one handed off from).
      if (ended?.kind === 'failed' && ended.error.kind === 'task-changed') props.onTaskChanged?.();
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onCancel();
      return;
    }
    if (event.key !== 'Enter' || event.isComposing) return;
    const target = event.target as HTMLElement;
    // Buttons and links act on Enter themselves; Enter in the explanation is a new line.
    if (target.closest('button, a, textarea')) return;
    event.preventDefault();
    if (accepts(event)) submit();
  };

  const confirmLabel = posting
    ? t('assign_posting')
    : username === null
      ? t('assign_confirm_none')
      : handoff
        ? tIsolated('assign_confirm_handoff', username)
        : tIsolated('assign_confirm', username);

  return (
    <div
      class="st-assign"
      ref={root}
      role="dialog"
      aria-labelledby={ids.heading}
      data-theme={props.theme}
      onKeyDown={onKeyDown}
    >
      <style>{CSS}</style>
      <h2 id={ids.heading}>{handoff ? t('assign_heading_handoff') : t('assign_heading')}</h2>
      <p class="st-assign-task">{tIsolated('assign_task', taskId, taskTitle)}</p>
      <p>{t('assign_role_explainer')}</p>
      {currentOwner && (
        <p>
          {t('assign_current')} <PersonChip person={currentOwner} now={now} />
        </p>
      )}

      <span class="st-assign-label" id={ids.list}>
        {t('assign_suggestions_label')}
      </span>
      <p class="st-sr-only" id={ids.hint}>
        {t('assign_suggestions_hint')}
      </p>
      {choices.length === 0 ? (
        <p>{t('assign_no_suggestions')}</p>
      ) : (
        <SuggestionList
          choices={choices}
          selected={selection?.source === 'list' ? selection.username : null}
          now={now}
          labelId={ids.list}
          hintId={ids.hint}
          onSelect={(name) => {
            setSelection({ source: 'list', username: name });
            setShowInvalid(false);
          }}
        />
      )}

      <div class="st-assign-row">
        {viewer !== null && !viewerIsOwner && (
          <button
            type="button"
            class="st-button"
            aria-pressed={selection?.source === 'viewer'}
            disabled={posting || done}
            onClick={() => {
              setSelection({ source: 'viewer', username: viewer.username });
              setShowInvalid(false);
              confirmButton.current?.focus();
            }}
          >
            {t('assign_self')}
          </button>
        )}
      </div>

      <label class="st-assign-label" for={ids.input}>
        {t('assign_username_label')}
      </label>
      <input
        id={ids.input}
        type="text"
        autocomplete="off"
        spellcheck={false}
        maxLength={65}
        value={typedRaw}
        aria-invalid={showInvalid && typedInvalid}
        aria-describedby={showInvalid && typedInvalid ? ids.inputError : undefined}
        // Read-only, not disabled, while posting: a disabled field drops the keyboard focus to the page,
        // and Escape would no longer reach the panel.
        readOnly={posting}
        disabled={done}
        onInput={(event) => {
          const raw = (event.currentTarget as HTMLInputElement).value;
          setShowInvalid(false);
          setSelection(raw === '' ? null : { source: 'typed', raw });
        }}
      />
      {showInvalid && (
        <p class="st-assign-field-error" id={ids.inputError}>
          {t('assign_username_invalid', typedRaw.trim())}
        </p>
      )}

      <label class="st-assign-label" for={ids.note}>
        {t('assign_note_label')}
      </label>
      <textarea
        id={ids.note}
        maxLength={4000}
        value={note}
        readOnly={posting}
        disabled={done}
        onInput={(event) => setNote((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {username !== null && <p class="st-assign-preview">{tIsolated('assign_preview', username)}</p>}

      {phase.kind === 'failed' && (
        <div class="st-assign-error" role="alert">
          <p>{t(ERROR_KEYS[phase.error.kind] ?? 'assign_error_other')}</p>
          <p>{t('assign_error_details', phase.error.message)}</p>
          {phase.error.kind === 'task-changed' ? (
            <button
              type="button"
              class="st-button"
              disabled={!armed}
              onClick={(event) => accepts(event) && submit(true)}
            >
              {t('assign_confirm_again')}
            </button>
          ) : (
            (phase.error.retryable || phase.error.kind === 'network') && (
              <button
                type="button"
                class="st-button"
                disabled={!armed}
                onClick={(event) => accepts(event) && submit()}
              >
                {t('assign_retry')}
              </button>
            )
          )}
        </div>
      )}
      {done && (
        <p role="status" class="st-assign-preview">
          {tIsolated('assign_done', phase.username)}
        </p>
      )}

      <div class="st-assign-actions">
        <button type="button" class="st-button" onClick={() => props.onCancel()}>
          {t('assign_cancel')}
        </button>
        <button
          type="button"
          class="st-button st-button-primary"
          ref={confirmButton}
          // Not disabled while posting (the focus would fall to the page): a repeat is ignored (use-assign).
          disabled={done || selection === null || !armed}
          aria-disabled={posting}
          aria-busy={posting}
          data-armed={armed}
          onClick={(event) => !posting && accepts(event) && submit()}
        >
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}

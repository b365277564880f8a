// The banner of one task: loads its context and shows the state it is in. Keyed by task id by its host,
// so a navigation to another task starts fresh.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { isDeclared } from '../message-checks';
import type { PageFacts, TaskContext } from '../messages';
import { t } from '../ui/i18n';
import { toneOf } from '../ui/severity';
import { EscalationTimeline } from '../ui/EscalationTimeline';
import { relativeText } from '../ui/time-text';
import { announcementFor } from './announcement';
import { AssignFrame } from './AssignFrame';
import { WatchButton } from './BannerActions';
import { dataStateOf, variantOf } from './banner-state';
import type { BannerDeps } from './deps';
import { EscalationLine } from './EscalationLine';
import { OwnersSection } from './OwnersSection';
import { ProcessOwnerLine } from './ProcessOwnerLine';
import { Orphaned, StateNotice } from './StateNotice';
import { ORPHANED } from './messaging';
import { useTaskContext, type EarlyAnswer } from './use-task-context';

export interface BannerProps {
  taskId: number;
  deps: BannerDeps;
  theme: 'light' | 'dark';
  signal: AbortSignal;
  /** Grows when the page redrew around the banner (a comment posted): ask again quietly. */
  redraws: number;
  loginUrl: string;
  /**
   * What the page itself suggests the banner will be (its header says "Unbreak Now!" or not), so the
   * loading placeholder holds about the right space.
   */
  expected: 'ubn' | 'compact';
  /** What the page shows about its task, sent with each ask so the worker can answer from its cache. */
  readPage(): PageFacts | null;
  /** What the worker had cached, asked for before the page was parsed (the first banner only). */
  early?: EarlyAnswer | null;
  onAnnounce(text: string): void;
}

export function Banner({
  taskId,
  deps,
  theme,
  signal,
  redraws,
  loginUrl,
  expected,
  readPage,
  early = null,
  onAnnounce,
}: BannerProps) {
  const control = useTaskContext(taskId, deps, signal, readPage, early);
  const { state } = control;
  const dataState = dataStateOf(state);
  // The same clock as the worker that computed the context (the demo and tests move the worker's clock).
  const now = deps.now() + (state.kind === 'ready' ? state.skew : 0);
  const announcement = announcementFor(state, now, taskId);
  const root = useRef<HTMLDivElement>(null);

  // A page left open: its ages ("Unbreak Now! for 3 hours") move on with the clock, not only with
  // the worker's answers (it says nothing while the task does not change).
  const [, setMinute] = useState(0);
  useEffect(() => {
    const minute = setInterval(() => setMinute(Date.now), 60_000);
    return () => clearInterval(minute);
  }, []);

  useEffect(() => onAnnounce(announcement), [announcement]);
  useEffect(() => {
    if (redraws > 0) control.refresh();
  }, [redraws]);

  const openOptions = (section: 'instances' | 'registry' | undefined) =>
    void deps.ask({ type: 'ui/open-options', ...(section ? { section } : {}) });

  const retry = () => {
    // The Retry button goes away with the error; keep keyboard focus in the banner.
    root.current?.focus();
    control.retry();
  };
  // Over a banner that could not be refreshed (an outage, a failed refresh): what is shown stays meanwhile.
  const recheck = () => {
    root.current?.focus();
    control.recheck();
  };
  const recheckButton = (
    <button type="button" class="st-button" onClick={recheck}>
      {t('banner_retry')}
    </button>
  );

  let tone = 'neutral';
  let variant = 'none';
  let body;
  if (state.kind === 'loading') {
    body = <p class="st-line st-muted">{t('banner_loading')}</p>;
  } else if (state.kind === 'failed') {
    body = (
      <StateNotice
        state={dataState as Exclude<typeof dataState, 'ready' | 'loading'>}
        error={state.error}
        taskId={taskId}
        loginUrl={loginUrl}
        onOpenOptions={openOptions}
        onRetry={retry}
      />
    );
    tone = dataState === 'error' || dataState === 'not-found' ? 'warning' : 'notice';
  } else {
    variant = variantOf(state.context);
    tone = toneOf(state.context.escalation?.severity ?? null, variant === 'ubn');
    body = (
      <Ready
        context={state.context}
        deps={deps}
        theme={theme}
        now={now}
        onWatched={(watched) => control.patch((c) => ({ ...c, watched }))}
        onOpenOptions={openOptions}
        onAssignClosed={() => control.refresh()}
        loginUrl={loginUrl}
        recheck={recheckButton}
      />
    );
  }

  return (
    <div
      ref={root}
      class="st-banner"
      data-steward="banner"
      data-state={dataState}
      data-variant={variant}
      data-tone={tone}
      data-pending={state.kind === 'ready' ? state.context.pending : undefined}
      data-expect={state.kind === 'loading' ? expected : variant === 'ubn' ? 'ubn' : 'compact'}
      tabIndex={-1}
    >
      <section
        class="st-box"
        aria-label={t('banner_region_label')}
        aria-busy={
          state.kind === 'loading' ||
          (state.kind === 'ready' && dataState === 'partial' && !state.context.outage)
        }
      >
        {body}
        {state.kind === 'ready' &&
          state.refreshError &&
          (state.refreshError === ORPHANED ? (
            <Orphaned />
          ) : (
            <p class="st-muted">
              {t('banner_refresh_failed', state.refreshError.message)} {recheckButton}
            </p>
          ))}
      </section>
    </div>
  );
}

interface ReadyProps {
  context: TaskContext;
  deps: BannerDeps;
  theme: 'light' | 'dark';
  now: number;
  onWatched(watched: boolean): void;
  onOpenOptions(section: 'registry'): void;
  onAssignClosed(): void;
  loginUrl: string;
  /** Retry, keeping what is shown. */
  recheck: ComponentChildren;
}

/** Phabricator could not be asked: what is shown is the last good state, and says how old it is and why. */
function OutageNotice({ context, now, loginUrl, recheck }: ReadyProps) {
  const outage = context.outage;
  if (!outage) return null;
  return (
    <p class="st-muted st-outage" data-outage={outage.kind}>
      {t('banner_outage', relativeText(outage.readAt, now), outage.message)}
      {outage.kind === 'session-expired' && (
        <>
          {' '}
          <a class="st-link" href={loginUrl}>
            {t('banner_log_in')}
          </a>
        </>
      )}{' '}
      {recheck}
    </p>
  );
}

function Ready(props: ReadyProps) {
  return (
    <>
      <OutageNotice {...props} />
      <ReadyBody {...props} />
    </>
  );
}

function ReadyBody({ context, deps, theme, now, onWatched, onOpenOptions, onAssignClosed }: ReadyProps) {
  const [assignOpen, setAssignOpen] = useState(false);
  const assignButton = useRef<HTMLButtonElement>(null);
  const frameId = useId();
  const variant = variantOf(context);
  const { task, instance } = context;
  const po = context.processOwner;
  const handoff = isDeclared(po);

  const closeAssign = () => {
    setAssignOpen(false);
    onAssignClosed();
    // Back to where the user started, once the frame is gone.
    queueMicrotask(() => assignButton.current?.focus());
  };

  const owners = (
    <OwnersSection
      ownership={context.ownership}
      instance={instance}
      now={now}
      compact={variant !== 'ubn'}
      onSetUpRegistry={() => onOpenOptions('registry')}
    />
  );
  const watch = <WatchButton taskId={task.id} watched={context.watched} deps={deps} onWatched={onWatched} />;

  if (variant === 'closed') {
    return (
      <div class="st-compact">
        <p class="st-line st-muted">{t('banner_closed', task.priority.name, task.status.name)}</p>
        {owners}
      </div>
    );
  }
  if (variant === 'compact') {
    return (
      <div class="st-compact">
        {owners}
        <div class="st-actions">{watch}</div>
      </div>
    );
  }

  const query = new URLSearchParams({ instance, task: String(task.id), theme });
  const assignAction = (
    <div class="st-actions">
      <button
        ref={assignButton}
        type="button"
        class={handoff && po?.problem === null ? 'st-button' : 'st-button st-button-primary'}
        data-action="assign"
        aria-expanded={assignOpen}
        aria-controls={assignOpen ? frameId : undefined}
        // Only the user's own click: the panel takes the keyboard focus as it opens, and the page's scripts
        // reach this button, so a scripted click would turn the user's next Enter into a confirm.
        onClick={(e) => e.isTrusted && setAssignOpen((open) => !open)}
      >
        {handoff ? t('banner_handoff') : t('banner_assign')}
      </button>
      {watch}
    </div>
  );
  if (context.pending === 'history') {
    return (
      <div class="st-ubn">
        {/* Not while Phabricator cannot answer: the outage notice above says what is shown instead. */}
        {!context.outage && <p class="st-line st-muted st-history-pending">{t('banner_history_pending')}</p>}
        {owners}
      </div>
    );
  }
  return (
    <div class="st-ubn">
      {context.escalation && <EscalationLine escalation={context.escalation} task={task} now={now} />}
      {context.timeline && <EscalationTimeline timeline={context.timeline} />}
      <ProcessOwnerLine processOwner={po} instance={instance} now={now} action={assignAction} />
      {assignOpen && (
        <AssignFrame
          id={frameId}
          url={deps.assignFrameUrl(query)}
          title={t('banner_assign_frame_title', task.id)}
          onClose={closeAssign}
        />
      )}
      {owners}
    </div>
  );
}
